package dev.walletbackup.app;

import dev.walletbackup.store.StoreException;
import dev.walletbackup.store.StoreFailures;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one line an operator reads about a failure, on the command line and in the service's log. Messages in this
 * code base are written for the operator; what reaches here from a library is translated: a database failure says
 * what was wrong (never the SQL), a failure without a message says where to find more.
 */
public final class OperatorMessages {
    private OperatorMessages() {
    }

    public static String of(Throwable failure) {
        if (!(failure instanceof StoreException)) {
            Optional<SQLException> database = StoreFailures.sqlCause(failure);
            if (database.isPresent()) {
                return "wallet store: " + StoreFailures.describe(database.get());
            }
        }
        if (failure.getMessage() == null || failure.getMessage().isBlank()) {
            return "unexpected " + failure.getClass().getSimpleName()
                    + "; run again with WALLET_LOG_LEVEL=DEBUG for the details";
        }
        return failure.getMessage();
    }
}
