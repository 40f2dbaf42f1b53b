package dev.walletbackup.backup;

import dev.walletbackup.backup.destination.VerifiedBackup;
import dev.walletbackup.backup.format.BackupFileWriter;
import dev.walletbackup.backup.format.BackupHeader;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupDocumentWriter;
import dev.walletbackup.progress.Progress;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.store.StateDigestLedger;
import java.nio.file.Path;

/**
 * The state of one backup run as it moves through the route: the plan, the staged file being written, and, once
 * it is verified, the manifest that the destinations publish.
 */
public final class BackupSession implements VerifiedBackup {
    private final BackupPlan plan;
    private final BackupHeader header;
    private final Path backupDirectory;
    private final Path staged;
    private final BackupFileWriter file;
    private final BackupDocumentWriter document;
    private final MasterSeedRecord seed;
    private final StateDigestLedger.Kept stored;
    private final Progress.Task progress;
    private final DocumentHandOff documentWriting = new DocumentHandOff("backup-document");
    private final ShutdownGrace shutdownGrace = new ShutdownGrace(System::nanoTime);
    private BackupManifest manifest;
    private FullState fullState;

    BackupSession(BackupPlan plan, BackupHeader header, Path backupDirectory, Path staged, BackupFileWriter file,
                  BackupDocumentWriter document, MasterSeedRecord seed, StateDigestLedger.Kept stored,
                  Progress.Task progress) {
        this.progress = progress;
        this.plan = plan;
        this.header = header;
        this.backupDirectory = backupDirectory;
        this.staged = staged;
        this.file = file;
        this.document = document;
        this.seed = seed;
        this.stored = stored;
    }

    public BackupPlan plan() {
        return plan;
    }

    public BackupHeader header() {
        return header;
    }

    @Override
    public Path backupDirectory() {
        return backupDirectory;
    }

    @Override
    public Path staged() {
        return staged;
    }

    @Override
    public String fileName() {
        return plan.fileName(header.createdInstant());
    }

    BackupFileWriter file() {
        return file;
    }

    BackupDocumentWriter document() {
        return document;
    }

    /** The seed read in this backup's snapshot. */
    MasterSeedRecord seed() {
        return seed;
    }

    /**
     * The store's LtHash of its state and its row sum, read in this backup's snapshot (docs/backup-format.md, sections
     * 6.1 and 6.2).
     */
    StateDigestLedger.Kept stored() {
        return stored;
    }

    /** How long this run may go on once the application is asked to stop. */
    ShutdownGrace shutdownGrace() {
        return shutdownGrace;
    }

    /** Where the document's records are written: a thread of its own, in the order handed in. */
    DocumentHandOff documentWriting() {
        return documentWriting;
    }

    /** The rows read so far, shown at a terminal. */
    Progress.Task progress() {
        return progress;
    }

    @Override
    public BackupManifest manifest() {
        return manifest;
    }

    void verified(BackupManifest manifest) {
        this.manifest = manifest;
    }

    /** A full's state as {@link FullStateProof} proved it; null before, and for an incremental. */
    FullState fullState() {
        return fullState;
    }

    void fullState(FullState state) {
        this.fullState = state;
    }

    /**
     * What a full found the store's LtHash and row sum to lack at its snapshot, to be added to them; null when they
     * agreed with its rows (and the row sum was proven), and for an incremental.
     */
    public StoredStateCorrection.Correction storedStateCorrection() {
        return fullState == null ? null : fullState.correction(stored);
    }

    @Override
    public String toString() {
        return "BackupSession[" + plan.type().wireName() + " " + plan.backupId() + "]";
    }
}
