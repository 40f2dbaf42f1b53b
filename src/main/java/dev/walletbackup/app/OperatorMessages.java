package dev.walletbackup.app;

import dev.walletbackup.OperatorNote;
import dev.walletbackup.routes.ShutdownInterruption;
import dev.walletbackup.store.StoreException;
import dev.walletbackup.store.StoreFailures;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.CamelExchangeException;

/**
 * The one line an operator reads about a failure, on the command line and in the service's log. Messages in this
 * code base are written for the operator; what reaches here from a library is translated: a database failure says
 * what was wrong (never the SQL), a failure without a message says where to find more.
 */
public final class OperatorMessages {
    private OperatorMessages() {
    }

    /** The failure's one line, with the {@link OperatorNote}s added to the failure as it was thrown. */
    public static String of(Throwable thrown) {
        StringBuilder line = new StringBuilder(line(thrown));
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (suppressed instanceof OperatorNote note) {
                line.append("; ").append(note.getMessage());
            }
        }
        return line.toString();
    }

    private static String line(Throwable thrown) {
        Throwable failure = unwrapped(thrown);
        if (causedBy(failure, OutOfMemoryError.class)) {
            long maxMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            return "out of memory: the Java heap (at most " + maxMiB + " MiB) is too small for this work; run it again "
                    + "with a larger one, e.g. JAVA_OPTS=-Xmx" + 2 * maxMiB + "m";
        }
        // its cause is how the work broke as the shutdown took the store away: not what the operator needs to know
        if (!(failure instanceof StoreException) && !(failure instanceof ShutdownInterruption)) {
            Optional<SQLException> database = StoreFailures.sqlCause(failure);
            if (database.isPresent()) {
                return "wallet store: " + StoreFailures.describe(database.get());
            }
        }
        if (forcedDownByShutdown(failure)) {
            return "interrupted by shutdown: camel.main.shutdown-timeout passed before the work finished, and Camel "
                    + "forced it down; a backup it stopped is not published (the next backup removes the staged file "
                    + "it may have left); run it again";
        }
        if (failure.getMessage() == null || failure.getMessage().isBlank()) {
            return "unexpected " + failure.getClass().getSimpleName()
                    + "; run again with WALLET_LOG_LEVEL=DEBUG for the details";
        }
        return failure.getMessage();
    }

    /**
     * Camel's refusal of the next step of an exchange still in flight when its shutdown timeout passed: "Run not
     * allowed as ShutdownStrategy is forcing shutting down, will reject executing exchange: Exchange[…]".
     */
    private static boolean forcedDownByShutdown(Throwable failure) {
        return failure instanceof RejectedExecutionException && failure.getMessage() != null
                && failure.getMessage().contains("ShutdownStrategy is forcing");
    }

    /**
     * A failure inside one branch of a multicast or recipient list reaches the route wrapped in Camel's
     * "Multicast processing failed for number 16. Exchange[…]. Caused by: […]": the operator's line is the cause's.
     */
    private static Throwable unwrapped(Throwable failure) {
        Throwable shown = failure;
        while (shown instanceof CamelExchangeException && shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown;
    }

    /**
     * Whether {@code type} is among the failure and its causes. A driver may report running out of memory as a
     * database failure (PostgreSQL's SQLSTATE 53200, H2's 90108) whose cause is the OutOfMemoryError.
     */
    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
