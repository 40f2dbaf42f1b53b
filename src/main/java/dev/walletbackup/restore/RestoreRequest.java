package dev.walletbackup.restore;

import java.nio.file.Path;
import java.time.Instant;

/** What the operator asked to restore: from where, to which point, and how. */
public record RestoreRequest(Path source, String backupId, Instant at, boolean dryRun, boolean force) {
}
