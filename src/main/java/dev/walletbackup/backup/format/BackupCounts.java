package dev.walletbackup.backup.format;

/** How many records of each kind a backup holds. */
public record BackupCounts(long wallets, long lifecycleRecords, long balances, long tombstones) {
}
