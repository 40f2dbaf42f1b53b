package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupHeader;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.CountingContentHandler;
import dev.walletbackup.backup.format.DataKeys;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.backup.format.Timeline;
import dev.walletbackup.backup.format.WalletBackupDocumentReader;
import dev.walletbackup.backup.format.WalletBackupDocumentWriter.Summary;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.progress.Progress;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.store.DeferredIndexes;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.store.StoreFailures;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.timeline.TimelineRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies a validated chain to a store in one transaction: empty the wallet state, apply the full, then each
 * incremental in order, compute the restored state's digest and commit only if it equals the target backup's,
 * raising the derivation index reservation and starting a new timeline in the same transaction (neither is wallet
 * state; the reservation is never emptied). Each file is decrypted and parsed once, here: its rows are bulk loaded
 * ({@link RowWriter}; a full's into tables whose keys and indexes are built after the load, {@link DeferredIndexes})
 * while its wallets' addresses are re-derived on every core ({@link AddressProof}), and its authenticated trailer is
 * compared with its manifest.
 * Any failure — a file, a chunk, an address, the database, a crash — rolls everything back and leaves the store as
 * it was.
 */
public final class StoreRestorer {
    private static final String[] STATE_TABLES = {"wallet.balance_snapshots", "wallet.wallet_lifecycle",
        "wallet.agent_wallets", "wallet.master_seed", "wallet.tombstones"};
    /** The tables a full's rows are bulk loaded into, their indexes built after the load ({@link DeferredIndexes}). */
    private static final List<String> BULK_LOADED_TABLES = List.of("wallet.agent_wallets", "wallet.wallet_lifecycle",
            "wallet.balance_snapshots");

    private final RestoreObserver observer;
    private final int gapLimit;
    private final Clock clock;
    private final Progress progress;
    private final TimelineRepository timelines = new TimelineRepository();

    /** @param gapLimit how many indices above the highest restored one to reserve ({@link ReservedIndices}) */
    public StoreRestorer(RestoreObserver observer, int gapLimit, Clock clock, Progress progress) {
        this.observer = observer;
        this.gapLimit = gapLimit;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * The outcome: rows restored per table, the digest the store now has, the indices it holds back, and the
     * timeline the restore started.
     */
    public record Applied(Map<String, Long> counts, long walletsRederived, String stateDigest, ReservedIndices reserved,
                          Timeline timeline) {
    }

    /**
     * @param sourceReservation the highest index reservation the source's backups authenticate, every timeline
     *                          included ({@link SourceReservation}); -1 for none
     */
    public Applied apply(WalletStore store, RestoreChain chain, DataKeys keys, Supplier<Password> passwords,
                         long sourceReservation) {
        BackupManifest target = chain.target();
        advanceChangeSequence(store, target.highWaterMark());
        return store.write(connection -> {
            try (Statement clear = connection.createStatement()) {
                for (String table : STATE_TABLES) {
                    clear.executeUpdate("DELETE FROM " + table);
                }
            }
            Proven proven = null;
            long rederived;
            try (Progress.Task shown = progress.start("restore: applying",
                    chain.members().stream().mapToLong(member -> member.counts().rows()).sum());
                 AddressProof addresses = new AddressProof(passwords)) {
                for (BackupManifest member : chain.members()) {
                    observer.applying(member);
                    proven = applyOne(connection, chain, member, keys, addresses, shown);
                    observer.applied(member);
                }
                rederived = addresses.proven();
            }
            // Proven against the state digest this very read authenticated (the trailer; a version-1 full's own
            // content); only a version-1 incremental has none, and its manifest's is all there is. Version 3 proves
            // with the LtHash of the rows (section 6.1), earlier versions with their ordered encoding; either way
            // the store then keeps the LtHash of what it holds.
            String expected = proven.stateDigest() == null ? target.stateDigest() : proven.stateDigest();
            LtHash restored = StateDigestLedger.recompute(connection);
            String digest = proven.header().hasLtHashStateDigest() ? restored.digest()
                    : StoreStateDigest.compute(connection);
            if (!digest.equals(expected)) {
                throw new BackupFormatException("verify restored state: the store's state digest " + digest
                        + " differs from backup " + target.id() + "'s " + expected + "; nothing was restored");
            }
            StateDigestLedger.replace(connection, restored);
            ReservedIndices reserved = ReservedIndices.reserve(connection, gapLimit, sourceReservation);
            Timeline started = timelines.startAfterRestore(connection, proven.header().timeline(), target.id(),
                    clock.instant());
            return new Applied(counts(connection), rederived, digest, reserved, started);
        });
    }

    /** What reading one backup inside the transaction authenticated: its header and its trailer's state digest. */
    private record Proven(BackupHeader header, String stateDigest) {
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
    private static Proven applyOne(Connection connection, RestoreChain chain, BackupManifest member, DataKeys keys,
                                   AddressProof addresses, Progress.Task shown) throws SQLException {
        Path file = chain.directory().fileOf(member);
        try (BackupFileReader reader = BackupFileReader.open(file); InputStream payload = keys.unlock(reader)) {
            String mismatch = member.headerMismatch(reader.header());
            if (mismatch != null) {
                throw new BackupFormatException(file + ": changed after it was validated (its header's " + mismatch
                        + " is not backup " + member.id() + "'s); nothing was restored");
            }
            boolean full = member.type() == BackupType.FULL;
            DeferredIndexes deferred = full ? DeferredIndexes.drop(connection, BULK_LOADED_TABLES) : null;
            RowWriter rows = new RowWriter(connection, full);
            Summary summary;
            try {
                summary = WalletBackupDocumentReader.read(payload, reader.header(),
                        new CountingContentHandler(BackupContentHandler.both(addresses, rows), shown));
                rows.flush();
            } catch (IOException | RuntimeException | SQLException e) {
                rows.abandon();
                throw e;
            }
            if (deferred != null) {
                deferred.recreate(connection);
            }
            addresses.flush(connection);
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
    private static void advanceChangeSequence(WalletStore store, long highWaterMark) {
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
