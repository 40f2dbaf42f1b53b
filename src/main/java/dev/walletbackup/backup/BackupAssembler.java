package dev.walletbackup.backup;

import dev.walletbackup.backup.format.BackupDocumentWriter;
import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.BackupFileWriter;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupHeader;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.backup.format.KeySlot;
import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.backup.format.WalletBackupDocumentWriter;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.progress.Progress;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.routes.ShutdownInterruption;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.MasterSeedRepository;
import dev.walletbackup.store.Row;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.timeline.TimelineRepository;
import dev.walletbackup.wallet.AgentWallet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Turns the rows that the backup route reads with camel-sql into a backup file: {@link #begin} opens the staged
 * file, one method per table appends rows, {@link #finish} seals the file, re-reads and verifies every byte of
 * it, and prepares the manifest. Nothing is published here; the destinations do that.
 */
public final class BackupAssembler {
    private final Path backupDirectory;
    private final PasswordSource passwords;
    private final Argon2Parameters kdf;
    private final int chunkSize;
    private final Progress progress;
    private final AtomicReference<PreparedKey> keyAhead = new AtomicReference<>();
    private final AtomicReference<SeedPasswordCheck> seedCheckAhead = new AtomicReference<>();
    private final Supplier<byte[]> seedEnvelope;

    /** @param seedEnvelope the envelope of the seed the store holds now, null when it holds none */
    public BackupAssembler(Path backupDirectory, PasswordSource passwords, Argon2Parameters kdf, int chunkSize,
                           Progress progress, Supplier<byte[]> seedEnvelope) {
        this.backupDirectory = backupDirectory;
        this.passwords = passwords;
        this.seedEnvelope = seedEnvelope;
        this.kdf = kdf;
        this.chunkSize = chunkSize;
        this.progress = progress;
    }

    /** Whether progress is shown, and so whether the rows to read are worth counting first. */
    public boolean showsProgress() {
        return progress != Progress.NONE;
    }

    /**
     * Starts the next run's two derivations now, before the application has started (a one-shot backup command):
     * {@link #prepareKey} and {@link #startSeedCheck} then take them instead of starting their own.
     */
    public void deriveAhead() {
        keyAhead.set(newKey());
        seedCheckAhead.set(SeedPasswordCheck.start(passwords, seedEnvelope.get()));
    }

    /**
     * Starts deriving the key-encryption key of the file this run will write, first thing in the pipeline, so that
     * the derivation runs while the backup is planned and its snapshot opened; or takes the one {@link #deriveAhead}
     * started.
     */
    public PreparedKey prepareKey() {
        PreparedKey ahead = keyAhead.getAndSet(null);
        return ahead != null ? ahead : newKey();
    }

    /**
     * Starts proving that the backup password opens the seed's envelope, the other Argon2id derivation of a run's
     * start, beside the key's ({@link SeedPasswordCheck}), or takes the check {@link #deriveAhead} started;
     * {@link #begin} waits for it in the snapshot, which checks again if the seed's envelope changed since.
     */
    public SeedPasswordCheck startSeedCheck() {
        SeedPasswordCheck ahead = seedCheckAhead.getAndSet(null);
        return ahead != null ? ahead : SeedPasswordCheck.start(passwords, seedEnvelope.get());
    }

    private PreparedKey newKey() {
        return new PreparedKey(() -> {
            try (Password password = passwords.get()) {
                return KeySlot.Sealer.derive(password, kdf);
            }
        });
    }

    /**
     * Opens the staged file for the plan, in the snapshot whose high-water mark is given; {@code lineage} is the
     * store's timeline, index reservation and LtHash of its state, read in the same snapshot. The file's key is the
     * one {@link #prepareKey} started deriving.
     */
    public BackupSession begin(@Body Map<String, Object> seedRow,
                               @Header(ExchangeProperties.BACKUP_LINEAGE_HEADER) Map<String, Object> lineage,
                               @Header(ExchangeProperties.BACKUP_ROWS_HEADER) Number changedRows,
                               @ExchangeProperty(ExchangeProperties.BACKUP_PLAN) BackupPlan plan,
                               @ExchangeProperty(ExchangeProperties.BACKUP_HIGH_WATER_MARK) long highWaterMark,
                               @ExchangeProperty(ExchangeProperties.BACKUP_KEY) PreparedKey key,
                               @ExchangeProperty(ExchangeProperties.BACKUP_SEED_CHECK) SeedPasswordCheck seedCheck)
            throws IOException {
        if (seedRow == null || seedRow.isEmpty()) {
            throw new IllegalStateException("there is no master seed in the store, so there is nothing to back up");
        }
        MasterSeedRecord seed = MasterSeedRepository.fromRow(Row.of(seedRow));
        // the check and this backup's key (one Argon2id derivation each) have been running since the pipeline started
        (seedCheck != null ? seedCheck : SeedPasswordCheck.start(passwords, null)).require(seed);
        Row lineageRow = Row.of(lineage);
        BackupHeader header = BackupHeader.current(plan.backupId(), plan.type(), plan.parentId(), plan.baseId(),
                plan.startedAt().truncatedTo(ChronoUnit.MILLIS).toString(), plan.sinceHighWaterMark(),
                Math.max(highWaterMark, plan.sinceHighWaterMark()), seed.fingerprint(),
                TimelineRepository.fromRow(lineageRow), lineageRow.longValue("reserved_through"), chunkSize);
        AtomicFiles.privateDirectory(backupDirectory);
        Path staged = backupDirectory.resolve(BackupFileName.stagedFor(plan.fileName(header.createdInstant())));
        AtomicFiles.createPrivateFile(staged);
        BackupFileWriter file;
        try (KeySlot.Sealer sealer = key.take()) {
            file = BackupFileWriter.create(staged, header, sealer);
        } catch (RuntimeException e) {
            Files.deleteIfExists(staged);
            throw e;
        }
        StateDigestLedger.Kept stored = StateDigestLedger.Kept.of(lineageRow.bytes("lt_hash"),
                lineageRow.bytes("row_sum"), lineageRow.booleanValue("row_sum_proven"));
        BackupDocumentWriter document = BackupDocumentWriter.of(file.payload(), header, seed,
                FullStateProof.hashesRecords(plan.type(), stored));
        long total = changedRows == null ? 0 : changedRows.longValue();
        return new BackupSession(plan, header, backupDirectory, staged, file, document, seed, stored,
                progress.start("backup " + plan.type().wireName(), total));
    }

    /**
     * Appends a batch of wallets. The content rows come in batches (the route's split collates them), each row
     * already a record ({@link BackupRecordRows}): one exchange and one bean call per batch, not per row. The
     * document is written on a thread of its own ({@link DocumentHandOff}) while the route reads the next batch.
     */
    public void wallets(@Body List<AgentWallet> batch,
                        @ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session, Exchange exchange) {
        continueUnlessShutDown(exchange, session);
        session.documentWriting().submit(() -> batch.forEach(session.document()::wallet));
        session.progress().advance(batch.size());
    }

    public void lifecycles(@Body List<WalletLifecycleRecord> batch,
                           @ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session,
                           Exchange exchange) {
        continueUnlessShutDown(exchange, session);
        session.documentWriting().submit(() -> batch.forEach(session.document()::lifecycle));
        session.progress().advance(batch.size());
    }

    public void balances(@Body List<AgentBalance> batch,
                         @ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session,
                         Exchange exchange) {
        continueUnlessShutDown(exchange, session);
        session.documentWriting().submit(() -> batch.forEach(session.document()::balance));
        session.progress().advance(batch.size());
    }

    public void tombstones(@Body List<Tombstone> batch,
                           @ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session,
                           Exchange exchange) {
        continueUnlessShutDown(exchange, session);
        session.documentWriting().submit(() -> batch.forEach(session.document()::tombstone));
    }

    /**
     * A backup in flight when the application is asked to stop gets the shutdown timeout to finish ({@link
     * ShutdownGrace}); once that is over, it stops before its next batch and the route's clean-up removes its staged
     * file: nothing is published.
     */
    static void continueUnlessShutDown(Exchange exchange, BackupSession session) {
        if (session.shutdownGrace().over(exchange.getContext())) {
            throw new ShutdownInterruption("backup " + session.plan().type().wireName() + " interrupted by shutdown "
                    + "(camel.main.shutdown-timeout passed before it finished): nothing half-written is published, its "
                    + "staged file is removed; run it again");
        }
    }

    /**
     * Seals the file, then proves it: re-reads it from disk, checks its size and SHA-256, authenticates and decrypts
     * every chunk (with the data key of the write: the password is not derived again) and decompresses the payload,
     * which must be byte for byte the document written (its SHA-256). Only then is the manifest prepared. An
     * incremental's state digest is the store's LtHash read in its snapshot; a full's is the LtHash of the records it
     * wrote as {@link FullStateProof} proved it (or, when it could not, as the document summed it), and when the
     * store's differed, the session carries the correction for the store.
     */
    public BackupSession finish(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session)
            throws IOException {
        session.documentWriting().finish();
        session.progress().close();
        boolean incremental = session.plan().type() == BackupType.INCREMENTAL;
        FullState proven = session.fullState();
        if (!incremental && proven == null) {
            throw new IllegalStateException("a full backup's state is proven before its file is finished");
        }
        WalletBackupDocumentWriter.Summary written = session.document().finish(incremental ? session.stored().ltHash()
                : proven.ltHash());
        if (!incremental) {
            session.fullState(new FullState(written.stateLtHash(), proven.rowSum()));
        }
        BackupFileWriter.WrittenFile file = session.file().finish();
        String onDisk = FileDigests.sha256(session.staged());
        if (!onDisk.equals(file.sha256()) || Files.size(session.staged()) != file.bytes()) {
            throw new BackupFormatException(session.staged() + ": the file on disk differs from what was written");
        }
        String reread;
        try (BackupFileReader reader = BackupFileReader.open(session.staged());
             InputStream payload = session.file().reread(reader)) {
            reread = FileDigests.sha256(payload);
        }
        if (!reread.equals(file.payloadSha256())) {
            throw new BackupFormatException(session.staged() + ": re-reading the backup gave a payload with SHA-256 "
                    + reread + " instead of the " + file.payloadSha256() + " written");
        }
        session.verified(BackupManifest.of(session.header(), written, file.bytes(), file.sha256(), session.fileName()));
        return session;
    }

    /** The name the verified file is published under. */
    public String fileName(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session) {
        return session.fileName();
    }

    /** Removes what an unfinished or failed run left under a temporary name, and wipes its key. */
    public void cleanUp(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session,
                        @ExchangeProperty(ExchangeProperties.BACKUP_KEY) PreparedKey key) throws IOException {
        try {
            if (key != null) {
                key.close();
            }
            if (session != null) {
                session.documentWriting().abandon();
                session.progress().close();
                session.document().abandon();
                session.file().abandon();
            }
        } finally {
            // whatever stopping the threads threw (a run stopped by a shutdown is interrupted while it waits for
            // them), the staged file goes: a SIGTERM test found it left behind
            if (session != null) {
                Files.deleteIfExists(session.staged());
            }
        }
    }
}
