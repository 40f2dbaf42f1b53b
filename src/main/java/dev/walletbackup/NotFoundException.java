package dev.walletbackup;

/**
 * What the operator named (an agent, a backup, a balance) does not exist. One type for every domain, so that each
 * "not found" has one exit code wherever it happens.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
