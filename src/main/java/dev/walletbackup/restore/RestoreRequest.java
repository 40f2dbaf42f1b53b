package dev.walletbackup.restore;

import java.time.Instant;

/** What the operator asked to restore: from where (a directory or s3://bucket/prefix), to which point, and how. */
public record RestoreRequest(String source, String backupId, Instant at, boolean dryRun, boolean force) {
}
