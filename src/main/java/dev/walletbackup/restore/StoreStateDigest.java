package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BalanceGrouping;
import dev.walletbackup.backup.format.CanonicalDigest;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.seed.MasterSeedRepository;
import dev.walletbackup.store.Row;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.wallet.WalletRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * The state digest (docs/backup-format.md, section 6) of what a store holds, read on the caller's connection, so
 * that a restore can compare it with the backup's before it commits.
 */
public final class StoreStateDigest {
    private StoreStateDigest() {
    }

    public static String compute(Connection connection) throws SQLException {
        CanonicalDigest digest = new CanonicalDigest();
        stream(connection, "SELECT * FROM wallet.master_seed", row -> digest.seed(MasterSeedRepository.fromRow(row)));
        stream(connection, "SELECT * FROM wallet.agent_wallets ORDER BY derivation_index",
                row -> digest.wallet(WalletRepository.fromRow(row)));
        stream(connection, "SELECT l.* FROM wallet.wallet_lifecycle l JOIN wallet.agent_wallets w "
                + "ON w.agent_id = l.agent_id ORDER BY w.derivation_index", row -> digest.lifecycle(LifecycleRepository.fromRow(row)));
        BalanceGrouping balances = new BalanceGrouping(digest::balance);
        stream(connection, "SELECT b.* FROM wallet.balance_snapshots b JOIN wallet.agent_wallets w "
                + "ON w.agent_id = b.agent_id ORDER BY w.derivation_index", row -> balances.add(BalanceRepository.fromRow(row)));
        balances.flush();
        return digest.finish();
    }

    private static void stream(Connection connection, String sql, Consumer<Row> consumer) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setFetchSize(WalletStore.FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                Row row = Row.of(rows);
                while (rows.next()) {
                    consumer.accept(row);
                }
            }
        }
    }
}
