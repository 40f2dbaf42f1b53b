package dev.walletbackup.legacy;

/** A file an import was given cannot be read (missing, unreadable): the operator named the wrong one. */
public final class LegacyFileException extends IllegalArgumentException {
    LegacyFileException(String message) {
        super(message);
    }
}
