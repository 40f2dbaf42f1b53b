package dev.walletbackup.store;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * What a database failure means to an operator, told from its SQLSTATE: a duplicate, a value too long, a store that
 * cannot be reached... Driver messages are not shown: H2's carry the whole SQL statement, and both drivers' carry
 * internals. The full exception stays in the debug log of whoever catches it.
 */
public final class StoreFailures {
    private static final String H2_DATABASE_IN_USE = "90020";
    private static final String H2_LOCK_TIMEOUT = "HYT00";
    /** The embedded store's serving process went away under the connection (H2 90121 and 90067). */
    private static final Set<String> H2_SERVER_GONE = Set.of("90121", "90067");

    private StoreFailures() {
    }

    /** The first {@link SQLException} among {@code failure} and its causes. */
    public static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /** A {@link StoreException} whose message says what was wrong, keeping {@code e} as its cause. */
    public static StoreException translate(String context, SQLException e) {
        return new StoreException(context + ": " + describe(e), e);
    }

    /** What was wrong, in the operator's words; never the SQL statement. */
    public static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals(H2_DATABASE_IN_USE)) {
            return "the embedded store is in use by another process";
        }
        if (H2_SERVER_GONE.contains(state)) {
            return "the connection to the embedded store was lost (the process that served it, such as `run`, "
                    + "stopped); nothing of this command's unfinished work was committed: run it again";
        }
        if (state.equals(H2_LOCK_TIMEOUT) || state.equals("55P03")) {
            return "timed out waiting for a lock that another transaction holds; run the command again";
        }
        return switch (state.length() < 2 ? "" : state.substring(0, 2)) {
            case "23" -> switch (state) {
                case "23505" -> "a row with the same key already exists (duplicate)";
                case "23503" -> "it refers to a row that does not exist, or a row that others refer to";
                case "23502" -> "a required value is missing";
                default -> "a value breaks a constraint of the store";
            };
            case "22" -> switch (state) {
                case "22001" -> "a value is too long for its column";
                case "22003" -> "a number is out of range for its column";
                default -> "a value does not fit its column";
            };
            case "08" -> "the store cannot be reached (check WALLET_DB_URL and that the database server is up)";
            case "28" -> "the store refused the user name or password (WALLET_DB_USER, WALLET_DB_PASSWORD)";
            case "3D" -> "the database named in WALLET_DB_URL does not exist";
            case "40" -> "the transaction collided with another one and was rolled back; run the command again";
            case "53" -> "the database server is out of resources (disk space, memory or connections)";
            case "57" -> "the database server cancelled the statement or is shutting down";
            case "42" -> "the store's schema does not match this version of wallet-backup";
            default -> "the database failed" + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
        };
    }
}
