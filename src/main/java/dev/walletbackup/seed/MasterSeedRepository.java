package dev.walletbackup.seed;

import dev.walletbackup.store.Row;
import dev.walletbackup.store.StateChange;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.store.Timestamps;
import dev.walletbackup.store.WalletStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The single master-seed row. */
public final class MasterSeedRepository {
    private static final String COLUMNS = "envelope, fingerprint, evm_account_xpub, xrp_account_xpub, created_at, change_seq";

    public Optional<MasterSeedRecord> find(Connection connection) throws SQLException {
        return select(connection, "SELECT " + COLUMNS + " FROM wallet.master_seed WHERE id = 1");
    }

    /** Reads the seed row and locks it until the transaction ends, so that wallet creation is serialised. */
    public Optional<MasterSeedRecord> findForUpdate(Connection connection) throws SQLException {
        return select(connection, "SELECT " + COLUMNS + " FROM wallet.master_seed WHERE id = 1 FOR UPDATE");
    }

    public void insert(Connection connection, MasterSeedRecord seed) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wallet.master_seed (id, " + COLUMNS
                + ") VALUES (1, ?, ?, ?, ?, ?, " + WalletStore.NEXT_CHANGE_SEQ + ")")) {
            insert.setBytes(1, seed.envelope());
            insert.setString(2, seed.fingerprint());
            insert.setString(3, seed.evmAccountXpub());
            insert.setString(4, seed.xrpAccountXpub());
            Timestamps.set(insert, 5, seed.createdAt());
            insert.executeUpdate();
        }
        StateDigestLedger.apply(connection, new StateChange().add(seed));
    }

    /**
     * Replaces the seed's envelope with the same seed sealed under another password (a rekey): the row draws a new
     * change sequence, and the store's LtHash and row sum trade the old record for the new one.
     */
    public void replaceEnvelope(Connection connection, MasterSeedRecord seed, byte[] envelope) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE wallet.master_seed SET envelope = ?, "
                + "change_seq = " + WalletStore.NEXT_CHANGE_SEQ + " WHERE id = 1")) {
            update.setBytes(1, envelope);
            update.executeUpdate();
        }
        MasterSeedRecord resealed = new MasterSeedRecord(envelope, seed.fingerprint(), seed.evmAccountXpub(),
                seed.xrpAccountXpub(), seed.createdAt(), seed.changeSeq());
        StateDigestLedger.apply(connection, new StateChange().add(resealed).remove(seed));
    }

    private static Optional<MasterSeedRecord> select(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(fromRow(Row.of(rows)));
        }
    }

    /** The seed record from a row with the columns of {@code wallet.master_seed}. */
    public static MasterSeedRecord fromRow(Row row) {
        return new MasterSeedRecord(row.bytes("envelope"), row.string("fingerprint"), row.string("evm_account_xpub"),
                row.string("xrp_account_xpub"), row.instant("created_at"), row.longValue("change_seq"));
    }
}
