package dev.walletbackup.cli;

/** The command line was well-formed but its options do not fit together; exits with code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
