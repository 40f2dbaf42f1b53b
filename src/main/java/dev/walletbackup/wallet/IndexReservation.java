package dev.walletbackup.wallet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The derivation index reservation ({@code wallet.index_reservation}): the highest index ever handed out or held
 * back. New wallets get indices above it and above every index in use, so an address that an agent may still hold
 * on chain — a wallet created after the backup a restore brought back — is never handed to another agent. The
 * reservation only grows. Callers hold the write fence (and, to create wallets, the master-seed row lock).
 */
public final class IndexReservation {
    /** The highest derivation index there is. */
    public static final int HIGHEST_INDEX = Integer.MAX_VALUE;

    /** The lowest index above every index in use and every index reserved. */
    public long nextFree(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT GREATEST("
                + "(SELECT COALESCE(MAX(derivation_index), -1) FROM wallet.agent_wallets), "
                + "(SELECT highest_reserved FROM wallet.index_reservation WHERE id = 1)) + 1");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public long highestReserved(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT highest_reserved FROM wallet.index_reservation WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Raises the reservation to {@code index} (capped at the highest index there is); never lowers it. */
    public void raiseTo(Connection connection, long index) throws SQLException {
        long capped = Math.min(index, HIGHEST_INDEX);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE wallet.index_reservation SET highest_reserved = ? WHERE id = 1 AND highest_reserved < ?")) {
            update.setLong(1, capped);
            update.setLong(2, capped);
            update.executeUpdate();
        }
    }
}
