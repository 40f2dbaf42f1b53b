package dev.walletbackup.wallet;

import dev.walletbackup.derivation.XrpScheme;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.store.ArrayInsert;
import dev.walletbackup.store.Row;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.store.Timestamps;
import dev.walletbackup.store.WalletStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Rows of {@code wallet.agent_wallets}. */
public final class WalletRepository {
    private static final String COLUMNS =
            "agent_id, derivation_index, evm_address, xrp_address, xrp_scheme, created_at, updated_at, metadata, change_seq";
    private static final ArrayInsert<AgentWallet> INSERT = columns().build();
    private static final ArrayInsert<AgentWallet> RESTORE = columns().changeSeq(AgentWallet::changeSeq).build();

    private static ArrayInsert.Builder<AgentWallet> columns() {
        return ArrayInsert.<AgentWallet>into("wallet.agent_wallets")
                .text("agent_id", AgentWallet::agentId)
                .bigint("derivation_index", wallet -> (long) wallet.derivationIndex())
                .text("evm_address", AgentWallet::evmAddress)
                .text("xrp_address", AgentWallet::xrpAddress)
                .text("xrp_scheme", wallet -> wallet.xrpScheme().wireName())
                .timestamp("created_at", AgentWallet::createdAt)
                .timestamp("updated_at", AgentWallet::updatedAt)
                .text("metadata", AgentWallet::metadata);
    }

    /** Inserts new wallets, each with the next change sequence ({@link WalletStore#NEXT_CHANGE_SEQ}). */
    public void insertAll(Connection connection, List<AgentWallet> wallets) throws SQLException {
        INSERT.insertAll(connection, wallets);
        StateDigestLedger.addAll(connection, wallets.stream());
    }

    /** Inserts wallets as a backup holds them, each keeping its change sequence (a restore). */
    public void restoreAll(Connection connection, List<AgentWallet> wallets) throws SQLException {
        RESTORE.insertAll(connection, wallets);
    }

    /**
     * A bulk load into an emptied table (a full restore), rows keeping their change sequence: streamed through one
     * COPY on PostgreSQL, so nothing else may run on the connection until it is finished ({@link ArrayInsert#load}).
     */
    public ArrayInsert.Load<AgentWallet> restoring(Connection connection) throws SQLException {
        return RESTORE.load(connection);
    }

    /**
     * Replaces the wallet with the same agent id as a backup holds it, change sequence included (an incremental's
     * restore, whose digest is recomputed from the rows afterwards, so the kept LtHash is not applied); false if there
     * is none.
     */
    public boolean replaceRestored(Connection connection, AgentWallet wallet) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE wallet.agent_wallets SET "
                + "derivation_index = ?, evm_address = ?, xrp_address = ?, xrp_scheme = ?, created_at = ?, updated_at = ?, "
                + "metadata = ?, change_seq = ? WHERE agent_id = ?")) {
            update.setLong(1, wallet.derivationIndex());
            update.setString(2, wallet.evmAddress());
            update.setString(3, wallet.xrpAddress());
            update.setString(4, wallet.xrpScheme().wireName());
            Timestamps.set(update, 5, wallet.createdAt());
            Timestamps.set(update, 6, wallet.updatedAt());
            update.setString(7, wallet.metadata());
            update.setLong(8, wallet.changeSeq());
            update.setString(9, wallet.agentId());
            return update.executeUpdate() == 1;
        }
    }

    public Optional<AgentWallet> find(Connection connection, String agentId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM wallet.agent_wallets WHERE agent_id = ?")) {
            query.setString(1, agentId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    /** Every wallet in derivation order, streamed row by row. */
    public void forEach(Connection connection, Consumer<AgentWallet> consumer) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM wallet.agent_wallets ORDER BY derivation_index")) {
            query.setFetchSize(WalletStore.FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(read(rows));
                }
            }
        }
    }

    /** Every wallet with its lifecycle state, in derivation order, streamed row by row. */
    public void forEachOverview(Connection connection, Consumer<WalletOverview> consumer) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT w.agent_id, w.derivation_index, "
                + "w.evm_address, w.xrp_address, w.xrp_scheme, w.created_at, w.updated_at, w.metadata, w.change_seq, l.state "
                + "FROM wallet.agent_wallets w JOIN wallet.wallet_lifecycle l ON l.agent_id = w.agent_id "
                + "ORDER BY w.derivation_index")) {
            query.setFetchSize(WalletStore.FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(new WalletOverview(read(rows), LifecycleState.fromWireName(rows.getString("state"))));
                }
            }
        }
    }

    private static AgentWallet read(ResultSet rows) {
        return fromRow(Row.of(rows));
    }

    /** A wallet from a row with the columns of {@code wallet.agent_wallets}. */
    public static AgentWallet fromRow(Row row) {
        return new AgentWallet(row.string("agent_id"), row.intValue("derivation_index"), row.string("evm_address"),
                row.string("xrp_address"), row.instant("created_at"), row.instant("updated_at"),
                row.string("metadata"), row.longValue("change_seq"), XrpScheme.fromWireName(row.string("xrp_scheme")));
    }
}
