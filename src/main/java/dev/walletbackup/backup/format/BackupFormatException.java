package dev.walletbackup.backup.format;

/**
 * A backup file (or its manifest) is not what it claims: malformed, truncated, altered or foreign. Always an
 * integrity failure (exit code 3); the message says what failed, and callers add which file.
 */
public class BackupFormatException extends RuntimeException {
    public BackupFormatException(String message) {
        super(message);
    }

    public BackupFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
