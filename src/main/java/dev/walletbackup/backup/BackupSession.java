package dev.walletbackup.backup;

import dev.walletbackup.backup.destination.VerifiedBackup;
import dev.walletbackup.backup.format.BackupFileWriter;
import dev.walletbackup.backup.format.BackupHeader;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupDocumentWriter;
import dev.walletbackup.progress.Progress;
import dev.walletbackup.statedigest.LtHash;
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
    private final LtHash storedState;
    private final Progress.Task progress;
    private final DocumentHandOff documentWriting = new DocumentHandOff("backup-document");
    private final ShutdownGrace shutdownGrace = new ShutdownGrace(System::nanoTime);
    private BackupManifest manifest;
    private LtHash storedStateCorrection;

    BackupSession(BackupPlan plan, BackupHeader header, Path backupDirectory, Path staged, BackupFileWriter file,
                  BackupDocumentWriter document, LtHash storedState, Progress.Task progress) {
        this.progress = progress;
        this.plan = plan;
        this.header = header;
        this.backupDirectory = backupDirectory;
        this.staged = staged;
        this.file = file;
        this.document = document;
        this.storedState = storedState;
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

    /** The store's LtHash of its state, read in this backup's snapshot (docs/backup-format.md, section 6.1). */
    LtHash storedState() {
        return storedState;
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

    /**
     * What the store's LtHash lacked at the snapshot, when a full found it different from the hash of the records it
     * wrote (the whole state); null when they agreed or for an incremental.
     */
    public LtHash storedStateCorrection() {
        return storedStateCorrection;
    }

    void storedStateDiffers(LtHash correction) {
        this.storedStateCorrection = correction;
    }

    @Override
    public String toString() {
        return "BackupSession[" + plan.type().wireName() + " " + plan.backupId() + "]";
    }
}
