package dev.walletbackup.backup.format;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.wallet.AgentWallet;

/** Receives the records of a backup document as it is read, in document order. */
public interface BackupContentHandler {
    BackupContentHandler IGNORE = new BackupContentHandler() {
    };

    default void seed(MasterSeedRecord seed) {
    }

    default void wallet(AgentWallet wallet) {
    }

    default void lifecycle(WalletLifecycleRecord record) {
    }

    default void balance(AgentBalance balance) {
    }

    default void tombstone(Tombstone tombstone) {
    }
}
