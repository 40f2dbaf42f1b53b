package dev.walletbackup.legacy;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.wallet.AgentWallet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One backup file of the original connector (format "1.0"), read, its checksum proven and its records normalised to
 * ours. Its wallets' XRP scheme is not known yet (standard until the import proves which one derives each address);
 * {@code encryptedMasterSeed} is still sealed.
 */
record LegacyBackup(Path file, Instant timestamp, boolean full, byte[] encryptedMasterSeed, List<AgentWallet> wallets,
                    List<WalletLifecycleRecord> lifecycleRecords, List<AgentBalance> balances) {

    @Override
    public String toString() {
        return "LegacyBackup[" + file + ", " + (full ? "full" : "incremental") + ", " + timestamp + "]";
    }
}
