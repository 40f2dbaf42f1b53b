package dev.walletbackup.restore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.MasterSeedRepository;
import dev.walletbackup.store.StoreException;
import dev.walletbackup.store.StoreFailures;
import dev.walletbackup.store.Timestamps;
import dev.walletbackup.wallet.AgentWallet;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

/**
 * Writes the records of one backup into the store on the restore's connection, keeping each row's change
 * sequence. Rows of a full backup go into an emptied store with batched inserts (wallets flushed before the rows
 * that refer to them); rows of an incremental replace the row with the same key or are added, and its tombstones
 * delete the row they name unless it was written again after the deletion.
 */
final class RowWriter implements BackupContentHandler, AutoCloseable {
    private static final int BATCH = 1000;
    private static final TypeReference<Map<String, String>> KEY = new TypeReference<>() {
    };

    private final Connection connection;
    private final boolean full;
    private final PreparedStatement walletInsert;
    private final PreparedStatement lifecycleInsert;
    private final PreparedStatement balanceInsert;
    private int batched;

    RowWriter(Connection connection, boolean full) throws SQLException {
        this.connection = connection;
        this.full = full;
        this.walletInsert = connection.prepareStatement("INSERT INTO wallet.agent_wallets (agent_id, derivation_index, "
                + "evm_address, xrp_address, created_at, updated_at, metadata, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        this.lifecycleInsert = connection.prepareStatement("INSERT INTO wallet.wallet_lifecycle (agent_id, state, "
                + "created_at, activated_at, suspended_at, archived_at, last_activity, total_transactions, total_volume, "
                + "suspension_reason, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.balanceInsert = connection.prepareStatement("INSERT INTO wallet.balance_snapshots (agent_id, chain, token, "
                + "balance, decimals, block_number, last_updated, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    public void seed(MasterSeedRecord seed) {
        run(() -> {
            if (!full) {
                return;
            }
            flush();
            new MasterSeedRepository().insert(connection, seed);
        });
    }

    @Override
    public void wallet(AgentWallet wallet) {
        run(() -> {
            if (!full && update(wallet)) {
                return;
            }
            walletInsert.setString(1, wallet.agentId());
            walletInsert.setLong(2, wallet.derivationIndex());
            walletInsert.setString(3, wallet.evmAddress());
            walletInsert.setString(4, wallet.xrpAddress());
            Timestamps.set(walletInsert, 5, wallet.createdAt());
            Timestamps.set(walletInsert, 6, wallet.updatedAt());
            walletInsert.setString(7, wallet.metadata());
            walletInsert.setLong(8, wallet.changeSeq());
            add(walletInsert);
        });
    }

    @Override
    public void lifecycle(WalletLifecycleRecord record) {
        run(() -> {
            if (!full) {
                delete("DELETE FROM wallet.wallet_lifecycle WHERE agent_id = ?", record.agentId());
            }
            lifecycleInsert.setString(1, record.agentId());
            lifecycleInsert.setString(2, record.state().wireName());
            Timestamps.set(lifecycleInsert, 3, record.createdAt());
            Timestamps.set(lifecycleInsert, 4, record.activatedAt());
            Timestamps.set(lifecycleInsert, 5, record.suspendedAt());
            Timestamps.set(lifecycleInsert, 6, record.archivedAt());
            Timestamps.set(lifecycleInsert, 7, record.lastActivity());
            lifecycleInsert.setLong(8, record.totalTransactions());
            lifecycleInsert.setString(9, json(record.totalVolume()));
            lifecycleInsert.setString(10, record.suspensionReason());
            lifecycleInsert.setLong(11, record.changeSeq());
            add(lifecycleInsert);
        });
    }

    @Override
    public void balance(AgentBalance balance) {
        run(() -> {
            if (!full) {
                delete("DELETE FROM wallet.balance_snapshots WHERE agent_id = ? AND chain = ? AND token = ?",
                        balance.agentId(), balance.chain().wireName(), balance.token());
            }
            balanceInsert.setString(1, balance.agentId());
            balanceInsert.setString(2, balance.chain().wireName());
            balanceInsert.setString(3, balance.token());
            balanceInsert.setBigDecimal(4, new BigDecimal(balance.balance()));
            balanceInsert.setInt(5, balance.decimals());
            if (balance.blockNumber() == null) {
                balanceInsert.setNull(6, Types.BIGINT);
            } else {
                balanceInsert.setLong(6, balance.blockNumber());
            }
            Timestamps.set(balanceInsert, 7, balance.lastUpdated());
            balanceInsert.setLong(8, balance.changeSeq());
            add(balanceInsert);
        });
    }

    @Override
    public void tombstone(Tombstone tombstone) {
        run(() -> {
            if (!"balance_snapshots".equals(tombstone.table())) {
                throw new BackupFormatException("payload: tombstone for unknown table " + tombstone.table());
            }
            Map<String, String> key;
            try {
                key = WalletJson.mapper().readValue(tombstone.key(), KEY);
            } catch (JsonProcessingException e) {
                throw new BackupFormatException("payload: tombstone key is not valid JSON", e);
            }
            flush();
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM wallet.balance_snapshots "
                    + "WHERE agent_id = ? AND chain = ? AND token = ? AND change_seq < ?")) {
                delete.setString(1, key.get("agentId"));
                delete.setString(2, key.get("chain"));
                delete.setString(3, key.get("token"));
                delete.setLong(4, tombstone.changeSeq());
                delete.executeUpdate();
            }
        });
    }

    /** Sends the rows still batched; call at the end of each backup. */
    void flush() throws SQLException {
        if (batched > 0) {
            walletInsert.executeBatch();
            lifecycleInsert.executeBatch();
            balanceInsert.executeBatch();
            batched = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        walletInsert.close();
        lifecycleInsert.close();
        balanceInsert.close();
    }

    private boolean update(AgentWallet wallet) throws SQLException {
        flush();
        try (PreparedStatement update = connection.prepareStatement("UPDATE wallet.agent_wallets SET derivation_index = ?, "
                + "evm_address = ?, xrp_address = ?, created_at = ?, updated_at = ?, metadata = ?, change_seq = ? "
                + "WHERE agent_id = ?")) {
            update.setLong(1, wallet.derivationIndex());
            update.setString(2, wallet.evmAddress());
            update.setString(3, wallet.xrpAddress());
            Timestamps.set(update, 4, wallet.createdAt());
            Timestamps.set(update, 5, wallet.updatedAt());
            update.setString(6, wallet.metadata());
            update.setLong(7, wallet.changeSeq());
            update.setString(8, wallet.agentId());
            return update.executeUpdate() == 1;
        }
    }

    private void delete(String sql, String... parameters) throws SQLException {
        flush();
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                delete.setString(i + 1, parameters[i]);
            }
            delete.executeUpdate();
        }
    }

    private void add(PreparedStatement statement) throws SQLException {
        statement.addBatch();
        if (++batched >= BATCH) {
            flush();
        }
    }

    private static String json(Object value) {
        try {
            return WalletJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode a restored field", e);
        }
    }

    private static void run(SqlWork work) {
        try {
            work.run();
        } catch (SQLException e) {
            throw StoreFailures.translate("restore", e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }
}
