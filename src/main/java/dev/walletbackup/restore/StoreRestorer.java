package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.backup.format.CountingContentHandler;
import dev.walletbackup.backup.format.DataKeys;
import dev.walletbackup.backup.format.WalletBackupDocumentReader;
import dev.walletbackup.backup.format.WalletBackupDocumentWriter.Summary;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.progress.Progress;
import dev.walletbackup.restore.ChainInTransaction.Proven;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.store.DeferredIndexes;
import dev.walletbackup.store.StoreFailures;
import dev.walletbackup.store.WalletStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Applies a validated chain to a store, inside the one transaction that {@link RestoreTransaction} holds open around
 * these steps of the restore route: empty the wallet state, then apply the full, then each incremental in order (a
 * {@code split} over {@link #members}). Each file is decrypted and parsed once, here: its rows are bulk loaded
 * ({@link RowWriter}; a full's into tables whose keys and indexes are built after the load, {@link DeferredIndexes})
 * while its wallets' addresses are re-derived on every core ({@link AddressProof}), and its authenticated trailer is
 * compared with its manifest. The state digest is then proven ({@link RestoredStateProof}), the re-derivation awaited
 * ({@link #proveAddresses}) and the new timeline started ({@link RestoreTimeline}) in the same transaction. Any
 * failure — a file, a chunk, an address, the database, a crash — rolls everything back and leaves the store as it
 * was.
 */
public final class StoreRestorer {
    private static final String[] STATE_TABLES = {"wallet.balance_snapshots", "wallet.wallet_lifecycle",
        "wallet.agent_wallets", "wallet.master_seed", "wallet.tombstones"};
    /** The tables a full's rows are bulk loaded into, their indexes built after the load ({@link DeferredIndexes}). */
    private static final List<String> BULK_LOADED_TABLES = List.of("wallet.agent_wallets", "wallet.wallet_lifecycle",
            "wallet.balance_snapshots");

    private final RestoreObserver observer;
    private final PasswordSource passwords;
    private final Progress progress;

    public StoreRestorer(RestoreObserver observer, PasswordSource passwords, Progress progress) {
        this.observer = observer;
        this.passwords = passwords;
        this.progress = progress;
    }

    /** The chain's application in the transaction of {@code connection}: its address proof and its progress. */
    ChainInTransaction begin(Connection connection, RestoreChain chain) {
        Progress.Task shown = progress.start("restore: applying",
                chain.members().stream().mapToLong(member -> member.counts().rows()).sum());
        return new ChainInTransaction(connection, new AddressProof(passwords), shown);
    }

    /** Empties the wallet state; the index reservation and the timeline are not wallet state and stay. */
    public void emptyState(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session)
            throws SQLException {
        try (Statement clear = session.transaction().connection().createStatement()) {
            for (String table : STATE_TABLES) {
                clear.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    /** The backups to apply, in order: the full, then each incremental up to the target. */
    public List<BackupManifest> members(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session) {
        return session.chain().members();
    }

    /** Applies one backup of the chain and keeps what its read authenticated. */
    public void apply(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session,
                      @Body BackupManifest member, Exchange exchange) throws SQLException {
        ChainInTransaction transaction = session.transaction();
        observer.applying(member);
        transaction.applied(applyOne(transaction, session.chain(), member, session.keys(), exchange));
        observer.applied(member);
    }

    /**
     * Waits until every wallet of the chain is re-derived, and fails naming the first whose addresses the seed does
     * not derive. A step of its own after the state digest's proof: the proof's read of every row runs while the
     * workers finish the last wallets, instead of after them.
     */
    public void proveAddresses(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session)
            throws SQLException {
        ChainInTransaction transaction = session.transaction();
        transaction.addresses().flush(transaction.connection());
    }

    /** Rows per table in the store as it is now. */
    public static Map<String, Long> counts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("wallets", count(connection, "wallet.agent_wallets"));
        counts.put("lifecycleRecords", count(connection, "wallet.wallet_lifecycle"));
        counts.put("balances", count(connection, "wallet.balance_snapshots"));
        return counts;
    }

    public static boolean isEmpty(WalletStore store) {
        return store.isEmpty();
    }

    /**
     * Applies one backup and returns what its read authenticated. The file was checked before the transaction began;
     * it is opened again here, so its authenticated header must still be the one of the backup the chain names: a
     * file replaced in between is refused, not applied. Its trailer (counts, content digest, state digest) must be
     * its manifest's, which only indexed it.
     */
    private static Proven applyOne(ChainInTransaction transaction, RestoreChain chain, BackupManifest member,
                                   DataKeys keys, Exchange exchange) throws SQLException {
        Connection connection = transaction.connection();
        AddressProof addresses = transaction.addresses();
        Path file = chain.directory().fileOf(member);
        try (BackupFileReader reader = BackupFileReader.open(file); InputStream payload = keys.unlock(reader)) {
            String mismatch = member.headerMismatch(reader.header());
            if (mismatch != null) {
                throw new BackupFormatException(file + ": changed after it was validated (its header's " + mismatch
                        + " is not backup " + member.id() + "'s); nothing was restored");
            }
            addresses.readFrom(file);
            boolean full = member.type() == BackupType.FULL;
            DeferredIndexes deferred = full ? DeferredIndexes.drop(connection, BULK_LOADED_TABLES) : null;
            RowWriter rows = new RowWriter(connection, full);
            Summary summary;
            try {
                summary = WalletBackupDocumentReader.read(payload, reader.header(),
                        new CountingContentHandler(BackupContentHandler.both(addresses, rows),
                                new StopOnShutdown(transaction.progress(), exchange)));
                rows.flush();
            } catch (IOException | RuntimeException | SQLException e) {
                rows.abandon();
                throw e;
            }
            if (deferred != null) {
                deferred.recreate(connection);
            }
            String disagreement = disagreement(member, summary);
            if (disagreement != null) {
                throw new BackupFormatException("its manifest's " + disagreement + " differs from the file's "
                        + "authenticated content; the manifest is only an index");
            }
            return new Proven(reader.header(), summary.stateDigest());
        } catch (BackupFormatException e) {
            throw e.getMessage().contains(file.toString()) ? e
                    : new BackupFormatException(file + ": " + e.getMessage() + "; nothing was restored", e);
        } catch (IOException e) {
            throw new UncheckedIOException("restore: cannot read " + file, e);
        }
    }

    /** Which field of the manifest disagrees with the authenticated trailer of its file, or null. */
    private static String disagreement(BackupManifest manifest, Summary trailer) {
        if (!trailer.counts().equals(manifest.counts()) || !trailer.contentDigest().equals(manifest.contentDigest())) {
            return "counts or content digest";
        }
        if (trailer.stateDigest() != null && !trailer.stateDigest().equals(manifest.stateDigest())) {
            return "state digest";
        }
        return null;
    }

    /**
     * New changes after the restore must draw sequence values above everything restored, or the next incremental
     * would miss them. Done before the restore transaction (H2 commits around DDL); a rolled-back restore only
     * leaves a gap in the sequence, which is harmless.
     */
    static void advanceChangeSequence(WalletStore store, long highWaterMark) {
        store.bookkeeping(connection -> {
            long next;
            try (PreparedStatement draw = connection.prepareStatement("SELECT " + WalletStore.NEXT_CHANGE_SEQ);
                 ResultSet rows = draw.executeQuery()) {
                rows.next();
                next = rows.getLong(1);
            }
            if (next <= highWaterMark) {
                try (Statement alter = connection.createStatement()) {
                    alter.execute("ALTER SEQUENCE wallet.change_seq RESTART WITH " + Math.addExact(highWaterMark, 1));
                }
            }
            return null;
        });
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw StoreFailures.translate("cannot count " + table, e);
        }
    }
}
