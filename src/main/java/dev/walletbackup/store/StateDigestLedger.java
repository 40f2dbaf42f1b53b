package dev.walletbackup.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.statedigest.BackgroundLtHash;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.statedigest.RowSum;
import dev.walletbackup.statedigest.StateElement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The store's LtHash of its wallet state, {@code wallet.state_digest} (docs/backup-format.md, section 6.1). Every
 * transaction that changes wallet state {@linkplain #apply applies} its change — the new versions' elements added,
 * the old versions' removed — under the write fence, which serialises those transactions, so the stored hash is
 * always the hash of the committed state. The row sum beside it (section 6.2) changes with it, by the same records. {@link #recompute} reads the rows themselves: the first value, the value a
 * restore stores, and what tests check the kept one against.
 */
public final class StateDigestLedger {
    private static final TypeReference<Map<String, String>> VOLUME = new TypeReference<>() {
    };

    private StateDigestLedger() {
    }

    /** Adds a change to the stored hash and row sum; the caller's transaction holds the write fence. */
    public static void apply(Connection connection, StateChange change) throws SQLException {
        Kept kept = read(connection);
        store(connection, kept.ltHash().add(change.ltHash()), kept.rowSum().add(change.rowSum()), kept.rowSumProven());
    }

    /** Adds newly inserted records to the stored hash and row sum; the caller's transaction holds the write fence. */
    public static void addAll(Connection connection, Stream<? extends StateRecord> inserted) throws SQLException {
        StateChange added = new StateChange();
        inserted.forEach(added::add);
        apply(connection, added);
    }

    /** The stored hash and row sum, as the caller's transaction sees them. */
    public static Kept read(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT lt_hash, row_sum, row_sum_proven FROM wallet.state_digest WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new StoreException("the state digest row is missing from wallet.state_digest");
            }
            return Kept.of(rows.getBytes(1), rows.getBytes(2), rows.getBoolean(3));
        }
    }

    /**
     * Stores a hash computed from the rows themselves (a restore's); the row sum is proven again by the next full
     * backup, which sums the rows then. The caller holds the write fence.
     */
    public static void replace(Connection connection, LtHash value) throws SQLException {
        store(connection, value, RowSum.empty(), false);
    }

    /**
     * Adds what a full backup found the kept hash and row sum to differ from its rows by, which proves the row sum from
     * then on ({@code StoredStateCorrection}); the caller holds the write fence.
     */
    public static void correct(Connection connection, LtHash ltHashCorrection, RowSum rowSumCorrection)
            throws SQLException {
        Kept kept = read(connection);
        store(connection, kept.ltHash().add(ltHashCorrection), kept.rowSum().add(rowSumCorrection), true);
    }

    private static void store(Connection connection, LtHash ltHash, RowSum rowSum, boolean rowSumProven)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE wallet.state_digest SET lt_hash = ?, row_sum = ?, row_sum_proven = ? WHERE id = 1")) {
            update.setBytes(1, ltHash.toBytes());
            update.setBytes(2, rowSum.toBytes());
            update.setBoolean(3, rowSumProven);
            if (update.executeUpdate() != 1) {
                throw new StoreException("the state digest row is missing from wallet.state_digest");
            }
        }
    }

    /** The LtHash of the wallet state the caller's transaction sees, read from every row (hashed on a second core). */
    public static LtHash recompute(Connection connection) throws SQLException {
        return recompute(connection, "xrp_scheme");
    }

    /**
     * {@link #recompute} for the migration to schema version 8, which runs before version 10 adds
     * {@code agent_wallets.xrp_scheme}: until then every wallet was of the standard scheme.
     */
    static LtHash recomputeBeforeXrpSchemes(Connection connection) throws SQLException {
        return recompute(connection, "'standard'");
    }

    /** @param xrpScheme the SQL expression of a wallet row's XRP scheme */
    private static LtHash recompute(Connection connection, String xrpScheme) throws SQLException {
        try (BackgroundLtHash hash = new BackgroundLtHash(LtHash.empty())) {
            addRows(connection, hash, xrpScheme);
            return hash.finish();
        }
    }

    private static void addRows(Connection connection, BackgroundLtHash hash, String xrpScheme) throws SQLException {
        addAll(connection, hash, "SELECT envelope, fingerprint, evm_account_xpub, xrp_account_xpub, created_at "
                + "FROM wallet.master_seed", row -> StateElement.seed(millis(row.instant("created_at")),
                row.bytes("envelope"), row.string("evm_account_xpub"), row.string("fingerprint"),
                row.string("xrp_account_xpub")));
        addAll(connection, hash, "SELECT agent_id, derivation_index, evm_address, xrp_address, " + xrpScheme
                + " AS xrp_scheme, created_at, updated_at, metadata FROM wallet.agent_wallets", row -> StateElement.wallet(row.string("agent_id"),
                millis(row.instant("created_at")), row.longValue("derivation_index"), row.string("evm_address"),
                row.string("metadata"), millis(row.instant("updated_at")), row.string("xrp_address"),
                row.string("xrp_scheme")));
        addAll(connection, hash, "SELECT agent_id, state, created_at, activated_at, suspended_at, archived_at, "
                + "last_activity, total_transactions, total_volume, suspension_reason FROM wallet.wallet_lifecycle",
                row -> StateElement.lifecycle(nullableMillis(row.instant("activated_at")), row.string("agent_id"),
                        nullableMillis(row.instant("archived_at")), millis(row.instant("created_at")),
                        nullableMillis(row.instant("last_activity")), row.string("state"),
                        nullableMillis(row.instant("suspended_at")), row.string("suspension_reason"),
                        row.longValue("total_transactions"), volume(row)));
        addAll(connection, hash, "SELECT agent_id, chain, token, balance, decimals, block_number, last_updated "
                + "FROM wallet.balance_snapshots", row -> StateElement.balance(row.string("agent_id"),
                row.exactInteger("balance").toString(), row.nullableLong("block_number"), row.string("chain"),
                row.longValue("decimals"), millis(row.instant("last_updated")), row.string("token")));
    }

    private static void addAll(Connection connection, BackgroundLtHash hash, String sql, Function<Row, StateElement> element)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setFetchSize(WalletStore.FETCH_SIZE);
            WalletStore.readInBinary(query);
            try (ResultSet rows = query.executeQuery()) {
                Row row = Row.of(rows);
                while (rows.next()) {
                    hash.add(element.apply(row).bytes());
                }
            }
        }
    }

    private static Map<String, String> volume(Row row) {
        try {
            return WalletJson.mapper().readValue(row.string("total_volume"), VOLUME);
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored total volume of agent " + row.string("agent_id")
                    + " is not valid JSON", e);
        }
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    private static Long nullableMillis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /**
     * What {@code wallet.state_digest} keeps: the LtHash of the state, and its row sum (section 6.2) with whether a full
     * backup has proven it against the rows since the store last replaced its hash (a restore, or schema version 13,
     * which added it): until then a full backup hashes its rows for the LtHash itself.
     */
    public record Kept(LtHash ltHash, RowSum rowSum, boolean rowSumProven) {
        /** The kept values as the row holds them; a StoreException naming the table when they are damaged. */
        public static Kept of(byte[] ltHash, byte[] rowSum, boolean rowSumProven) {
            try {
                return new Kept(LtHash.fromBytes(ltHash), RowSum.fromBytes(rowSum), rowSumProven);
            } catch (IllegalArgumentException e) {
                // every write and every backup reads it: say which row is damaged, not only what is wrong with it
                throw new StoreException("the store's kept state digest (table wallet.state_digest) is damaged: "
                        + e.getMessage() + "; no write or backup can use it until it is repaired", e);
            }
        }
    }
}
