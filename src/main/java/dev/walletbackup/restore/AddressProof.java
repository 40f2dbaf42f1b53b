package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.derivation.AccountKeys.WalletAddresses;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.seed.MasterSeed;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.SeedEnvelope;
import dev.walletbackup.wallet.AgentWallet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Proves, while a backup is read, that its seed is the right one: the envelope opens with the password, the seed
 * has the recorded fingerprint and account keys, and every wallet's EVM and XRP address re-derives from it. Any
 * difference (wrong seed, tampering, derivation drift) is an integrity failure. Wallets are checked in batches on
 * all cores.
 */
final class AddressProof implements BackupContentHandler {
    private static final int BATCH = 4096;

    private final Supplier<Password> passwords;
    private final List<AgentWallet> pending = new ArrayList<>(BATCH);
    private AccountKeys keys;
    private String fingerprint;
    private long proven;

    AddressProof(Supplier<Password> passwords) {
        this.passwords = passwords;
    }

    @Override
    public void seed(MasterSeedRecord seed) {
        if (keys != null) {
            if (!seed.fingerprint().equals(fingerprint)) {
                throw new BackupFormatException("re-derive: this backup holds seed " + seed.fingerprint()
                        + " but the chain's full backup holds " + fingerprint + " (backups of another installation)");
            }
            return;
        }
        try (Password password = passwords.get(); MasterSeed opened = SeedEnvelope.open(seed.envelope(), password)) {
            fingerprint = HdKeys.masterFingerprint(opened);
            keys = HdKeys.agentAccountKeys(opened);
        }
        if (!fingerprint.equals(seed.fingerprint()) || !keys.evm().serialize().equals(seed.evmAccountXpub())
                || !keys.xrp().serialize().equals(seed.xrpAccountXpub())) {
            throw new BackupFormatException("re-derive: the seed in the envelope does not have the recorded fingerprint "
                    + seed.fingerprint() + " and account keys");
        }
    }

    @Override
    public void wallet(AgentWallet wallet) {
        pending.add(wallet);
        if (pending.size() == BATCH) {
            flush();
        }
    }

    /** Checks the wallets still waiting; call at the end of each backup. */
    void flush() {
        AccountKeys derivation = keys;
        pending.parallelStream().forEach(wallet -> {
            WalletAddresses addresses = derivation.addressesAt(wallet.derivationIndex());
            if (!addresses.evmAddress().equals(wallet.evmAddress()) || !addresses.xrpAddress().equals(wallet.xrpAddress())) {
                throw new BackupFormatException("re-derive: agent " + wallet.agentId() + " at index "
                        + wallet.derivationIndex() + " has addresses that the seed does not derive");
            }
        });
        proven += pending.size();
        pending.clear();
    }

    long proven() {
        return proven;
    }

    String fingerprint() {
        return fingerprint;
    }
}
