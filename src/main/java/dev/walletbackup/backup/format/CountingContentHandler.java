package dev.walletbackup.backup.format;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.progress.Progress;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.wallet.AgentWallet;

/** Hands every record on and counts it as a row done: how reads of backups show their progress. */
public final class CountingContentHandler implements BackupContentHandler {
    private final BackupContentHandler next;
    private final Progress.Task task;

    public CountingContentHandler(BackupContentHandler next, Progress.Task task) {
        this.next = next;
        this.task = task;
    }

    @Override
    public void seed(MasterSeedRecord seed) {
        next.seed(seed);
    }

    @Override
    public void wallet(AgentWallet wallet) {
        next.wallet(wallet);
        task.advance(1);
    }

    @Override
    public void lifecycle(WalletLifecycleRecord record) {
        next.lifecycle(record);
        task.advance(1);
    }

    @Override
    public void balance(AgentBalance balance) {
        next.balance(balance);
        task.advance(1);
    }

    @Override
    public void tombstone(Tombstone tombstone) {
        next.tombstone(tombstone);
        task.advance(1);
    }
}
