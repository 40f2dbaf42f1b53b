package dev.walletbackup.restore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.MasterSeedRepository;
import dev.walletbackup.store.ArrayInsert;
import dev.walletbackup.store.StoreFailures;
import dev.walletbackup.store.Timestamps;
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.WalletRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the records of one backup into the store on the restore's connection, keeping each row's change
 * sequence, wallets before the rows that refer to them. Rows of a full backup go into an emptied store, streamed
 * into one table at a time as the document's sections come ({@link ArrayInsert#load}: one COPY per table on
 * PostgreSQL, which stores rows while the next ones are read). Rows of an incremental replace the row with the same
 * key or are added: they are gathered and bulk loaded between the statements that replace, and its tombstones
 * delete the row they name unless it was written again after the deletion (the rows gathered so far are written
 * first). An incremental holds each row once, so a replacement's update or delete never names a row still gathered.
 */
final class RowWriter implements BackupContentHandler {
    /** An incremental's rows gathered per statement: enough to amortise a statement, few to die young in the heap. */
    private static final int BATCH = 2_000;
    private static final TypeReference<Map<String, String>> KEY = new TypeReference<>() {
    };

    private final Connection connection;
    private final boolean full;
    private final List<AgentWallet> wallets = new ArrayList<>();
    private final List<WalletLifecycleRecord> lifecycles = new ArrayList<>();
    private final List<AgentBalance> balances = new ArrayList<>();
    /** A full's load into the table its current section fills, or null. */
    private ArrayInsert.Load<?> streaming;
    private Class<?> streamingRows;

    RowWriter(Connection connection, boolean full) {
        this.connection = connection;
        this.full = full;
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
            if (full) {
                stream(AgentWallet.class, new WalletRepository()::restoring, wallet);
            } else if (!update(wallet)) {
                add(wallets, wallet);
            }
        });
    }

    @Override
    public void lifecycle(WalletLifecycleRecord record) {
        run(() -> {
            if (full) {
                stream(WalletLifecycleRecord.class, new LifecycleRepository()::restoring, record);
                return;
            }
            delete("DELETE FROM wallet.wallet_lifecycle WHERE agent_id = ?", record.agentId());
            add(lifecycles, record);
        });
    }

    @Override
    public void balance(AgentBalance balance) {
        run(() -> {
            if (full) {
                stream(AgentBalance.class, new BalanceRepository()::restoring, balance);
                return;
            }
            delete("DELETE FROM wallet.balance_snapshots WHERE agent_id = ? AND chain = ? AND token = ?",
                    balance.agentId(), balance.chain().wireName(), balance.token());
            add(balances, balance);
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

    /** Writes the rows still gathered or streaming; call at the end of each backup. */
    void flush() throws SQLException {
        if (streaming != null) {
            streaming.finish(); // kept until finished, so that a failure here is abandoned by abandon()
            streaming = null;
            streamingRows = null;
        }
        new WalletRepository().restoreAll(connection, wallets);
        new LifecycleRepository().restoreAll(connection, lifecycles);
        new BalanceRepository().restoreAll(connection, balances);
        wallets.clear();
        lifecycles.clear();
        balances.clear();
    }

    /** Ends a load left open by a failure, so that the restore's transaction can be rolled back. */
    void abandon() {
        if (streaming != null) {
            streaming.abandon();
            streaming = null;
            streamingRows = null;
        }
    }

    /** Adds a full's row to the load of its table, finishing the previous table's load first. */
    @SuppressWarnings("unchecked")
    private <T> void stream(Class<T> rows, Loads<T> table, T row) throws SQLException {
        if (streamingRows != rows) {
            flush();
            streaming = table.open(connection);
            streamingRows = rows;
        }
        ((ArrayInsert.Load<T>) streaming).add(row);
    }

    private boolean update(AgentWallet wallet) throws SQLException {
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
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                delete.setString(i + 1, parameters[i]);
            }
            delete.executeUpdate();
        }
    }

    private <T> void add(List<T> rows, T row) throws SQLException {
        rows.add(row);
        if (rows.size() >= BATCH) {
            flush();
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
    private interface Loads<T> {
        ArrayInsert.Load<T> open(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }
}
