package dev.walletbackup.restore;

/**
 * The source holds backups of more than one installation (seed fingerprint) and the request does not say which
 * one to restore, or names one that does not fit: the operator chooses, with {@code --fingerprint}. A usage error.
 */
public final class InstallationChoiceException extends RuntimeException {
    public InstallationChoiceException(String message) {
        super(message);
    }
}
