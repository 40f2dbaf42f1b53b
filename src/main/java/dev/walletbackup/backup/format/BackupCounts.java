package dev.walletbackup.backup.format;

/** How many records of each kind a backup holds. */
public record BackupCounts(long wallets, long lifecycleRecords, long balances, long tombstones) {
    /** The counts in words, for messages: "3 wallets, 3 lifecycle records, 2 balances, 0 tombstones". */
    public String describe() {
        return wallets + " wallets, " + lifecycleRecords + " lifecycle records, " + balances + " balances, "
                + tombstones + " tombstones";
    }
}
