package dev.walletbackup.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.store.ArrayInsert;
import dev.walletbackup.store.Row;
import dev.walletbackup.store.StateChange;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.store.StoreException;
import dev.walletbackup.store.Timestamps;
import dev.walletbackup.store.WalletStore;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of {@code wallet.wallet_lifecycle}. */
public final class LifecycleRepository {
    private static final String COLUMNS = "agent_id, state, created_at, activated_at, suspended_at, archived_at, "
            + "last_activity, total_transactions, total_volume, suspension_reason, change_seq";
    private static final TypeReference<Map<String, BigInteger>> VOLUME = new TypeReference<>() {
    };

    private static final ArrayInsert<WalletLifecycleRecord> INSERT = columns().build();
    private static final ArrayInsert<WalletLifecycleRecord> RESTORE =
            columns().changeSeq(WalletLifecycleRecord::changeSeq).build();

    private static ArrayInsert.Builder<WalletLifecycleRecord> columns() {
        return ArrayInsert.<WalletLifecycleRecord>into("wallet.wallet_lifecycle")
                .text("agent_id", WalletLifecycleRecord::agentId)
                .text("state", record -> record.state().wireName())
                .timestamp("created_at", WalletLifecycleRecord::createdAt)
                .timestamp("activated_at", WalletLifecycleRecord::activatedAt)
                .timestamp("suspended_at", WalletLifecycleRecord::suspendedAt)
                .timestamp("archived_at", WalletLifecycleRecord::archivedAt)
                .timestamp("last_activity", WalletLifecycleRecord::lastActivity)
                .bigint("total_transactions", WalletLifecycleRecord::totalTransactions)
                .text("total_volume", LifecycleRepository::encodedVolume)
                .text("suspension_reason", WalletLifecycleRecord::suspensionReason);
    }

    /** Inserts new records, each with the next change sequence. */
    public void insertAll(Connection connection, List<WalletLifecycleRecord> records) throws SQLException {
        INSERT.insertAll(connection, records);
        StateDigestLedger.addAll(connection, records.stream());
    }

    /** Inserts records as a backup holds them, each keeping its change sequence (a restore). */
    public void restoreAll(Connection connection, List<WalletLifecycleRecord> records) throws SQLException {
        RESTORE.insertAll(connection, records);
    }

    /**
     * A bulk load into an emptied table (a full restore), rows keeping their change sequence: streamed through one
     * COPY on PostgreSQL, so nothing else may run on the connection until it is finished ({@link ArrayInsert#load}).
     */
    public ArrayInsert.Load<WalletLifecycleRecord> restoring(Connection connection) throws SQLException {
        return RESTORE.load(connection);
    }

    /** Removes the agent's record before a restore writes the backup's (the restore recomputes the digest). */
    public void removeRestored(Connection connection, String agentId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM wallet.wallet_lifecycle WHERE agent_id = ?")) {
            delete.setString(1, agentId);
            delete.executeUpdate();
        }
    }

    /** The record, locked until the transaction ends so that two moves cannot interleave. */
    public Optional<WalletLifecycleRecord> findForUpdate(Connection connection, String agentId) throws SQLException {
        return find(connection, agentId, " FOR UPDATE");
    }

    public Optional<WalletLifecycleRecord> find(Connection connection, String agentId) throws SQLException {
        return find(connection, agentId, "");
    }

    public void update(Connection connection, WalletLifecycleRecord record) throws SQLException {
        WalletLifecycleRecord before = find(connection, record.agentId()).orElseThrow(() -> new StoreException(
                "agent " + record.agentId() + " has no lifecycle record to update"));
        try (PreparedStatement update = connection.prepareStatement("UPDATE wallet.wallet_lifecycle SET agent_id = ?, "
                + "state = ?, created_at = ?, activated_at = ?, suspended_at = ?, archived_at = ?, last_activity = ?, "
                + "total_transactions = ?, total_volume = ?, suspension_reason = ?, change_seq = "
                + WalletStore.NEXT_CHANGE_SEQ + " WHERE agent_id = ?")) {
            bind(update, record);
            update.setString(11, record.agentId());
            update.executeUpdate();
        }
        StateDigestLedger.apply(connection, new StateChange().remove(before).add(record));
    }

    private static Optional<WalletLifecycleRecord> find(Connection connection, String agentId, String lock)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM wallet.wallet_lifecycle WHERE agent_id = ?" + lock)) {
            query.setString(1, agentId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement statement, WalletLifecycleRecord record) throws SQLException {
        statement.setString(1, record.agentId());
        statement.setString(2, record.state().wireName());
        Timestamps.set(statement, 3, record.createdAt());
        Timestamps.set(statement, 4, record.activatedAt());
        Timestamps.set(statement, 5, record.suspendedAt());
        Timestamps.set(statement, 6, record.archivedAt());
        Timestamps.set(statement, 7, record.lastActivity());
        statement.setLong(8, record.totalTransactions());
        statement.setString(9, encodedVolume(record));
        statement.setString(10, record.suspensionReason());
    }

    /** The total volume as the store holds it: a JSON object of token to decimal string. */
    public static String encodedVolume(WalletLifecycleRecord record) {
        try {
            return WalletJson.mapper().writeValueAsString(record.totalVolume());
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode the total volume of agent " + record.agentId(), e);
        }
    }

    private static WalletLifecycleRecord read(ResultSet rows) {
        return fromRow(Row.of(rows));
    }

    /** A lifecycle record from a row with the columns of {@code wallet.wallet_lifecycle}. */
    public static WalletLifecycleRecord fromRow(Row row) {
        String agentId = row.string("agent_id");
        Map<String, BigInteger> volume;
        try {
            volume = WalletJson.mapper().readValue(row.string("total_volume"), VOLUME);
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored total volume of agent " + agentId + " is not valid JSON", e);
        }
        return new WalletLifecycleRecord(agentId, LifecycleState.fromWireName(row.string("state")),
                row.instant("created_at"), row.instant("activated_at"), row.instant("suspended_at"),
                row.instant("archived_at"), row.instant("last_activity"), row.longValue("total_transactions"), volume,
                row.string("suspension_reason"), row.longValue("change_seq"));
    }
}
