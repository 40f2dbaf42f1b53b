package dev.walletbackup.backup.format;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** How many records of each kind a backup holds. */
public record BackupCounts(long wallets, long lifecycleRecords, long balances, long tombstones) {
    /** Every record counted: the rows a read of the backup goes through. */
    @JsonIgnore
    public long rows() {
        return wallets + lifecycleRecords + balances + tombstones;
    }

    /** The counts in words, for messages: "3 wallets, 3 lifecycle records, 2 balances, 0 tombstones". */
    public String describe() {
        return wallets + " wallets, " + lifecycleRecords + " lifecycle records, " + balances + " balances, "
                + tombstones + " tombstones";
    }
}
