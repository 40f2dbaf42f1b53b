package dev.walletbackup.backup;

import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupType;
import java.time.Instant;

/**
 * What one backup run will make: its id, type and place in the chain, decided before the snapshot is opened.
 * {@code note} tells the operator when the plan differs from the request (an incremental without a full).
 */
public record BackupPlan(String backupId, BackupType type, BackupType requested, String parentId, String baseId,
                         long sinceHighWaterMark, Instant startedAt, String note) {

    /** The same plan with one more thing for the operator to know. */
    public BackupPlan alsoNoting(String more) {
        return new BackupPlan(backupId, type, requested, parentId, baseId, sinceHighWaterMark, startedAt,
                note == null ? more : note + "; " + more);
    }

    public String fileName(Instant createdAt) {
        return BackupFileName.of(createdAt, type, backupId);
    }
}
