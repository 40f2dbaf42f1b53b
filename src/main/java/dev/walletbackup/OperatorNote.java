package dev.walletbackup;

/**
 * A sentence the operator needs beside a failure, learnt after it happened (which safety backup a failed restore had
 * already taken): added to the failure as a suppressed exception, and appended to its one line by the command.
 */
public final class OperatorNote extends RuntimeException {
    public OperatorNote(String note) {
        super(note, null, false, false);
    }

    /** Adds {@code note} to {@code failure}, once. */
    public static void addTo(Throwable failure, String note) {
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof OperatorNote && note.equals(suppressed.getMessage())) {
                return;
            }
        }
        failure.addSuppressed(new OperatorNote(note));
    }
}
