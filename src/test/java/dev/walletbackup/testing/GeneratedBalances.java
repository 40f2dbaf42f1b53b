package dev.walletbackup.testing;

import dev.walletbackup.store.Timestamps;
import dev.walletbackup.store.WalletStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Balance snapshots made by PostgreSQL itself in one statement, for a store with hundreds of thousands of rows that
 * would take minutes to record through the application (PostgreSQL only: the SQL is its own).
 */
public final class GeneratedBalances {
    private GeneratedBalances() {
    }

    /** {@code tokens} balance snapshots of made-up tokens for each wallet that the SQL condition {@code wallets} selects. */
    public static void insert(Connection connection, String wallets, int tokens) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wallet.balance_snapshots "
                + "(agent_id, chain, token, balance, decimals, block_number, last_updated, change_seq) "
                + "SELECT agent_id, 'evm', '0x' || lpad(to_hex(n), 40, '0'), 1000000000000 + n, 18, 1, ?, "
                + WalletStore.NEXT_CHANGE_SEQ + " FROM wallet.agent_wallets, generate_series(0, ? - 1) AS n "
                + "WHERE " + wallets)) {
            Timestamps.set(insert, 1, Instant.parse("2026-11-25T00:00:00Z"));
            insert.setInt(2, tokens);
            insert.executeUpdate();
        }
    }
}
