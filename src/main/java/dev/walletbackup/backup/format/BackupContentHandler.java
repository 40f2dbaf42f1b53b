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

    /** Gives every record to {@code first}, then to {@code second}: one read of a backup serving two handlers. */
    static BackupContentHandler both(BackupContentHandler first, BackupContentHandler second) {
        return new BackupContentHandler() {
            @Override
            public void seed(MasterSeedRecord seed) {
                first.seed(seed);
                second.seed(seed);
            }

            @Override
            public void wallet(AgentWallet wallet) {
                first.wallet(wallet);
                second.wallet(wallet);
            }

            @Override
            public void lifecycle(WalletLifecycleRecord record) {
                first.lifecycle(record);
                second.lifecycle(record);
            }

            @Override
            public void balance(AgentBalance balance) {
                first.balance(balance);
                second.balance(balance);
            }

            @Override
            public void tombstone(Tombstone tombstone) {
                first.tombstone(tombstone);
                second.tombstone(tombstone);
            }
        };
    }
}
