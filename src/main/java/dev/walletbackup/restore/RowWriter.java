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
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.WalletRepository;
import java.sql.Connection;
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
            } else if (!new WalletRepository().replaceRestored(connection, wallet)) {
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
            new LifecycleRepository().removeRestored(connection, record.agentId());
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
            new BalanceRepository().removeRestored(connection, balance.agentId(), balance.chain().wireName(),
                    balance.token(), null);
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
            new BalanceRepository().removeRestored(connection, key.get("agentId"), key.get("chain"), key.get("token"),
                    tombstone.changeSeq());
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
