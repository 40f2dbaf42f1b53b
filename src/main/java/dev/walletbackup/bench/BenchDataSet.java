package dev.walletbackup.bench;

import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.store.Row;
import dev.walletbackup.store.StateChange;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.store.StateRecord;
import dev.walletbackup.store.Timestamps;
import dev.walletbackup.store.WalletStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's data set beyond the wallets themselves, written by the database in a few set-based statements
 * (one per kind of row, not one per row) so that a million wallets take seconds: every wallet active, with an ether
 * and an XRP balance snapshot; then the change an incremental backup is measured on, a new ether balance for every
 * hundredth wallet (1% of the wallets). They write under the write fence like every change of wallet state, draw
 * their change sequence numbers as the application does, and keep the store's state digest up to date.
 */
public final class BenchDataSet {
    /** 1 ETH in wei and 1 XRP in drops: balances are whole coins times (derivation index + 1). */
    private static final String WEI_PER_ETH = "1000000000000000000";
    private static final String DROPS_PER_XRP = "1000000";

    /** Wallets whose rows one transaction writes. */
    static final int WALLETS_PER_TRANSACTION = 100_000;

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final WalletStore store;

    public BenchDataSet(WalletStore store) {
        this.store = store;
    }

    /**
     * Activates every wallet and gives it two balance snapshots (EVM ETH, XRP XRP), {@link #WALLETS_PER_TRANSACTION}
     * wallets per transaction, so that no transaction grows with the data set (the embedded store works inside the
     * measured process). Returns the snapshots written.
     */
    public long activateWithBalances(Instant now) {
        long highest = store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COALESCE(MAX(derivation_index), -1) FROM wallet.agent_wallets");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        long written = 0;
        for (long from = 0; from <= highest; from += WALLETS_PER_TRANSACTION) {
            long to = from + WALLETS_PER_TRANSACTION;
            long first = from;
            written += store.write(connection -> {
                StateChange change = new StateChange();
                rowsOfWallets(connection, first, to).forEach(change::remove);
                try (PreparedStatement activate = connection.prepareStatement("UPDATE wallet.wallet_lifecycle SET "
                        + "state = 'active', activated_at = ?, last_activity = ?, change_seq = "
                        + WalletStore.NEXT_CHANGE_SEQ + " WHERE state = 'pending' AND agent_id IN (SELECT agent_id "
                        + "FROM wallet.agent_wallets WHERE derivation_index >= ? AND derivation_index < ?)")) {
                    Timestamps.set(activate, 1, now);
                    Timestamps.set(activate, 2, now);
                    activate.setLong(3, first);
                    activate.setLong(4, to);
                    activate.executeUpdate();
                }
                long balances = insertBalances(connection, "'evm', 'ETH'", WEI_PER_ETH, 18, "19000000", first, to, now)
                        + insertBalances(connection, "'xrp', 'XRP'", DROPS_PER_XRP, 6, "NULL", first, to, now);
                rowsOfWallets(connection, first, to).forEach(change::add);
                StateDigestLedger.apply(connection, change);
                return balances;
            });
        }
        return written;
    }

    /** Gives every hundredth wallet (derivation index divisible by 100) a new ether balance. Returns how many changed. */
    public long changeOnePercent(Instant now) {
        return store.write(connection -> {
            StateChange changed = new StateChange();
            changedBalances(connection).forEach(changed::remove);
            try (PreparedStatement change = connection.prepareStatement("UPDATE wallet.balance_snapshots SET "
                    + "balance = balance + 1, block_number = block_number + 1, last_updated = ?, change_seq = "
                    + WalletStore.NEXT_CHANGE_SEQ + " WHERE chain = 'evm' AND token = 'ETH' AND agent_id IN "
                    + "(SELECT agent_id FROM wallet.agent_wallets WHERE MOD(derivation_index, 100) = 0)")) {
                Timestamps.set(change, 1, now);
                long rows = change.executeUpdate();
                changedBalances(connection).forEach(changed::add);
                StateDigestLedger.apply(connection, changed);
                return rows;
            }
        });
    }

    /** The lifecycle records and balances of the wallets with a derivation index in [from, to). */
    private static List<StateRecord> rowsOfWallets(Connection connection, long from, long to) throws SQLException {
        List<StateRecord> records = new ArrayList<>();
        try (PreparedStatement lifecycles = connection.prepareStatement("SELECT l.* FROM wallet.wallet_lifecycle l "
                + "JOIN wallet.agent_wallets w ON w.agent_id = l.agent_id WHERE w.derivation_index >= ? "
                + "AND w.derivation_index < ?");
             PreparedStatement balances = connection.prepareStatement("SELECT b.* FROM wallet.balance_snapshots b "
                + "JOIN wallet.agent_wallets w ON w.agent_id = b.agent_id WHERE w.derivation_index >= ? "
                + "AND w.derivation_index < ?")) {
            for (PreparedStatement query : List.of(lifecycles, balances)) {
                query.setLong(1, from);
                query.setLong(2, to);
                query.setFetchSize(WalletStore.FETCH_SIZE);
                try (ResultSet rows = query.executeQuery()) {
                    Row row = Row.of(rows);
                    while (rows.next()) {
                        records.add(query == lifecycles ? LifecycleRepository.fromRow(row)
                                : BalanceRepository.fromRow(row));
                    }
                }
            }
        }
        return records;
    }

    /**
     * Leaves the data set as a store in service is: on PostgreSQL, {@code VACUUM (ANALYZE)} of every table of the
     * wallet schema. The activation leaves a dead version of every lifecycle row and the first reader of new rows
     * writes their hint bits; left alone, autovacuum does that work at a moment of its own, inside whichever timed
     * phase it falls on (a full took 11 s or 16 s on the same data), and pg_dump, run later, reads settled tables.
     * Then a checkpoint, where the bench's user may take one. H2 keeps no dead versions to clean: nothing to do
     * there. Returns the tables settled.
     */
    public List<String> settle() {
        try (Connection connection = store.dataSource().getConnection()) {
            if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                return List.of();
            }
            connection.setAutoCommit(true); // VACUUM runs outside any transaction
            List<String> tables = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'wallet' AND table_type = 'BASE TABLE' ORDER BY table_name");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            try (Statement vacuum = connection.createStatement()) {
                for (String table : tables) {
                    vacuum.execute("VACUUM (ANALYZE) wallet.\"" + table.replace("\"", "\"\"") + "\"");
                }
                checkpoint(vacuum);
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot settle the bench's data set: " + e.getMessage(), e);
        }
    }

    /**
     * Writes out what the data set and its vacuum left dirty, so that the first timed phase does not share the
     * machine with a checkpoint the building started (pg_dump, run after a CREATE DATABASE, always starts from one).
     * Only a superuser or a member of pg_checkpoint may: without the right, the server checkpoints in its own time.
     */
    private static void checkpoint(Statement statement) throws SQLException {
        try {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** The balances {@link #changeOnePercent} changes, so that the store's LtHash and row sum can follow the change. */
    private static List<StateRecord> changedBalances(Connection connection) throws SQLException {
        List<StateRecord> records = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM wallet.balance_snapshots "
                + "WHERE chain = 'evm' AND token = 'ETH' AND agent_id IN (SELECT agent_id FROM wallet.agent_wallets "
                + "WHERE MOD(derivation_index, 100) = 0)");
             ResultSet rows = query.executeQuery()) {
            Row row = Row.of(rows);
            while (rows.next()) {
                records.add(BalanceRepository.fromRow(row));
            }
        }
        return records;
    }

    private static long insertBalances(Connection connection, String chainAndToken, String unit, int decimals,
                                       String blockNumber, long from, long to, Instant now) throws SQLException {
        // constants of this class only: nothing of the caller's reaches the statement's text
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wallet.balance_snapshots (agent_id, "
                + "chain, token, balance, decimals, block_number, last_updated, change_seq) SELECT agent_id, "
                + chainAndToken + ", CAST(derivation_index + 1 AS NUMERIC(78, 0)) * " + unit + ", ?, " + blockNumber
                + ", ?, " + WalletStore.NEXT_CHANGE_SEQ + " FROM wallet.agent_wallets "
                + "WHERE derivation_index >= ? AND derivation_index < ?")) {
            insert.setInt(1, decimals);
            Timestamps.set(insert, 2, now);
            insert.setLong(3, from);
            insert.setLong(4, to);
            return insert.executeUpdate();
        }
    }
}
