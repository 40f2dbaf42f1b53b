package dev.walletbackup.backup.retention;

import dev.walletbackup.config.RetentionSettings;

/** One run of retention: the rules, and whether it only says what it would remove. */
public record PruneRequest(RetentionSettings policy, boolean dryRun) {
}
