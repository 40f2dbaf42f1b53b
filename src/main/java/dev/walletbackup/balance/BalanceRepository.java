package dev.walletbackup.balance;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.store.ArrayInsert;
import dev.walletbackup.store.Row;
import dev.walletbackup.store.StateChange;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.store.StoreException;
import dev.walletbackup.store.Timestamps;
import dev.walletbackup.store.WalletStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Rows of {@code wallet.balance_snapshots}: one per agent, chain and token. */
public final class BalanceRepository {
    private static final String COLUMNS = "agent_id, chain, token, balance, decimals, block_number, last_updated, change_seq";
    private static final ArrayInsert<AgentBalance> INSERT = columns().build();
    private static final ArrayInsert<AgentBalance> RESTORE = columns().changeSeq(AgentBalance::changeSeq).build();

    private static ArrayInsert.Builder<AgentBalance> columns() {
        return ArrayInsert.<AgentBalance>into("wallet.balance_snapshots")
                .text("agent_id", AgentBalance::agentId)
                .text("chain", balance -> balance.chain().wireName())
                .text("token", AgentBalance::token)
                .numeric("balance", AgentBalance::balance)
                .integer("decimals", AgentBalance::decimals)
                .bigint("block_number", AgentBalance::blockNumber)
                .timestamp("last_updated", AgentBalance::lastUpdated);
    }

    /** Inserts new snapshots (none may exist with their keys), each with the next change sequence. */
    public void insertAll(Connection connection, List<AgentBalance> balances) throws SQLException {
        INSERT.insertAll(connection, balances);
        StateDigestLedger.addAll(connection, balances.stream());
    }

    /** Inserts snapshots as a backup holds them, each keeping its change sequence (a restore). */
    public void restoreAll(Connection connection, List<AgentBalance> balances) throws SQLException {
        RESTORE.insertAll(connection, balances);
    }

    /**
     * A bulk load into an emptied table (a full restore), rows keeping their change sequence: streamed through one
     * COPY on PostgreSQL, so nothing else may run on the connection until it is finished ({@link ArrayInsert#load}).
     */
    public ArrayInsert.Load<AgentBalance> restoring(Connection connection) throws SQLException {
        return RESTORE.load(connection);
    }

    /** Inserts the snapshot or replaces the previous one for the same agent, chain and token. */
    public void upsert(Connection connection, AgentBalance balance) throws SQLException {
        upsertAll(connection, List.of(balance));
    }

    /** {@link #upsert} for many snapshots, with one change of the store's state digest for all of them. */
    public void upsertAll(Connection connection, Collection<AgentBalance> balances) throws SQLException {
        StateChange change = new StateChange();
        for (AgentBalance balance : balances) {
            Optional<AgentBalance> before = find(connection, balance.agentId(), balance.chain(), balance.token());
            change.add(balance);
            before.ifPresent(change::remove);
            if (before.isPresent()) {
                update(connection, balance);
            } else {
                insert(connection, balance);
            }
        }
        StateDigestLedger.apply(connection, change);
    }

    private static void update(Connection connection, AgentBalance balance) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE wallet.balance_snapshots SET balance = ?, "
                + "decimals = ?, block_number = ?, last_updated = ?, change_seq = " + WalletStore.NEXT_CHANGE_SEQ
                + " WHERE agent_id = ? AND chain = ? AND token = ?")) {
            bindValues(update, balance);
            update.setString(5, balance.agentId());
            update.setString(6, balance.chain().wireName());
            update.setString(7, balance.token());
            update.executeUpdate();
        }
    }

    private static void insert(Connection connection, AgentBalance balance) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wallet.balance_snapshots (balance, "
                + "decimals, block_number, last_updated, agent_id, chain, token, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, "
                + WalletStore.NEXT_CHANGE_SEQ + ")")) {
            bindValues(insert, balance);
            insert.setString(5, balance.agentId());
            insert.setString(6, balance.chain().wireName());
            insert.setString(7, balance.token());
            insert.executeUpdate();
        }
    }

    /** Deletes a snapshot and leaves a tombstone so that incremental backups see the deletion. */
    /**
     * Removes the snapshot with this key as a restore does, without a tombstone or the kept LtHash (the restore
     * recomputes the digest): before it writes the backup's snapshot, or for a backup's tombstone, which removes only
     * a snapshot written before the deletion ({@code changeSeq} below {@code before}; null: whatever it is).
     */
    public void removeRestored(Connection connection, String agentId, String chain, String token, Long before)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM wallet.balance_snapshots "
                + "WHERE agent_id = ? AND chain = ? AND token = ?" + (before == null ? "" : " AND change_seq < ?"))) {
            delete.setString(1, agentId);
            delete.setString(2, chain);
            delete.setString(3, token);
            if (before != null) {
                delete.setLong(4, before);
            }
            delete.executeUpdate();
        }
    }

    public boolean delete(Connection connection, String agentId, Chain chain, String token, Instant now)
            throws SQLException {
        Optional<AgentBalance> before = find(connection, agentId, chain, token);
        if (before.isEmpty()) {
            return false;
        }
        StateDigestLedger.apply(connection, new StateChange().remove(before.get()));
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM wallet.balance_snapshots WHERE agent_id = ? AND chain = ? AND token = ?")) {
            delete.setString(1, agentId);
            delete.setString(2, chain.wireName());
            delete.setString(3, token);
            if (delete.executeUpdate() == 0) {
                return false;
            }
        }
        Map<String, String> key = new LinkedHashMap<>();
        key.put("agentId", agentId);
        key.put("chain", chain.wireName());
        key.put("token", token);
        try (PreparedStatement tombstone = connection.prepareStatement("INSERT INTO wallet.tombstones (change_seq, "
                + "table_name, row_key, deleted_at) VALUES (" + WalletStore.NEXT_CHANGE_SEQ + ", 'balance_snapshots', ?, ?)")) {
            tombstone.setString(1, WalletJson.mapper().writeValueAsString(key));
            Timestamps.set(tombstone, 2, now);
            tombstone.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode the tombstone key of agent " + agentId, e);
        }
        return true;
    }

    /** The snapshot of one agent, chain and token, if there is one. */
    public Optional<AgentBalance> find(Connection connection, String agentId, Chain chain, String token)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM wallet.balance_snapshots WHERE agent_id = ? AND chain = ? AND token = ?")) {
            query.setString(1, agentId);
            query.setString(2, chain.wireName());
            query.setString(3, token);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(fromRow(Row.of(rows))) : Optional.empty();
            }
        }
    }

    /** Snapshots of one agent, or of all agents when {@code agentId} is null, ordered by agent, chain and token. */
    public void forEach(Connection connection, String agentId, Consumer<AgentBalance> consumer) throws SQLException {
        String filter = agentId == null ? "" : " WHERE agent_id = ?";
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM wallet.balance_snapshots" + filter + " ORDER BY agent_id, chain, token")) {
            if (agentId != null) {
                query.setString(1, agentId);
            }
            query.setFetchSize(WalletStore.FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                Row row = Row.of(rows);
                while (rows.next()) {
                    consumer.accept(fromRow(row));
                }
            }
        }
    }

    /** A balance from a row with the columns of {@code wallet.balance_snapshots}. */
    public static AgentBalance fromRow(Row row) {
        return new AgentBalance(row.string("agent_id"), Chain.fromWireName(row.string("chain")), row.string("token"),
                row.exactInteger("balance"), row.intValue("decimals"), row.nullableLong("block_number"),
                row.instant("last_updated"), row.longValue("change_seq"));
    }

    private static void bindValues(PreparedStatement statement, AgentBalance balance) throws SQLException {
        statement.setBigDecimal(1, new BigDecimal(balance.balance()));
        statement.setInt(2, balance.decimals());
        if (balance.blockNumber() == null) {
            statement.setNull(3, Types.BIGINT);
        } else {
            statement.setLong(3, balance.blockNumber());
        }
        Timestamps.set(statement, 4, balance.lastUpdated());
    }
}
