package dev.walletbackup.restore;

import java.time.Instant;

/**
 * What the operator asked to restore: from where (a directory or s3://bucket/prefix), to which point, of which
 * installation (seed fingerprint; null: the only one there, or the one {@code backupId} belongs to), and how.
 */
public record RestoreRequest(String source, String backupId, Instant at, boolean dryRun, boolean force,
                             String fingerprint) {

    /** A request that leaves the installation to the source: it must hold only one, or name it by backup. */
    public RestoreRequest(String source, String backupId, Instant at, boolean dryRun, boolean force) {
        this(source, backupId, at, dryRun, force, null);
    }
}
