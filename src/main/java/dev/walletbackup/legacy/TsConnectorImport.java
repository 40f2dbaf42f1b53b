package dev.walletbackup.legacy;

import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.derivation.AccountKeys.WalletAddresses;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.derivation.LegacyXrpKeys;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.derivation.XrpScheme;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.MasterSeedRepository;
import dev.walletbackup.seed.MasterSeedService;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.IndexReservation;
import dev.walletbackup.wallet.WalletRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports the backups of the original TypeScript connector into an empty store (issue 15): one full and its
 * incrementals, applied in timestamp order; the seed opened with the legacy password and the installation's salt file
 * and sealed in our envelope exactly as {@code seed import} seals it; every address proven — EVM by our derivation,
 * XRP by the standard or the ed25519-legacy scheme, recorded per wallet — before anything is written; then everything
 * written in one transaction. Any failure leaves the store as it was.
 */
public final class TsConnectorImport {
    /** The length of the salt file the original connector wrote. */
    static final int SALT_BYTES = 32;

    private final WalletStore store;
    private final MasterSeedService seeds;

    public TsConnectorImport(WalletStore store, MasterSeedService seeds) {
        this.store = store;
        this.seeds = seeds;
    }

    /**
     * @param legacyPassword the password the original sealed its seed with
     * @param password       the password to seal the seed with here
     */
    public ImportResult importBackups(List<Path> files, Path saltFile, Password legacyPassword, Password password) {
        byte[] salt = readSalt(saltFile);
        refuseNonEmptyStore();
        ImportFindings findings = new ImportFindings();
        LegacyBackupReader reader = new LegacyBackupReader(findings);
        List<LegacyBackup> backups = files.stream().map(reader::read)
                .sorted(Comparator.comparing(LegacyBackup::timestamp)).toList();
        requireOneFullFirst(backups);
        Merged merged = merge(backups, findings);
        try (LegacySeedCipher cipher = new LegacySeedCipher(legacyPassword, salt, saltFile);
             MasterSeed seed = openSeed(cipher, backups)) {
            List<AgentWallet> wallets = prove(merged.wallets, seed, findings);
            MasterSeedRecord sealed = seeds.seal(seed, password);
            write(sealed, wallets, merged.lifecycleRecords, merged.balances);
            Map<String, Integer> schemes = new LinkedHashMap<>();
            for (XrpScheme scheme : XrpScheme.values()) {
                schemes.put(scheme.wireName(), (int) wallets.stream().filter(w -> w.xrpScheme() == scheme).count());
            }
            return new ImportResult(backups.stream().map(b -> new ImportResult.ImportedFile(b.file().toString(),
                    b.full() ? "full" : "incremental", b.timestamp())).toList(), sealed.fingerprint(), wallets.size(),
                    merged.lifecycleRecords.size(), merged.balances.size(), schemes, findings.missing(),
                    findings.malformed(), findings.normalised());
        }
    }

    private static byte[] readSalt(Path saltFile) {
        try {
            byte[] salt = Files.readAllBytes(saltFile);
            if (salt.length != SALT_BYTES) {
                // the original wrote 32 random bytes; anything else is another file, most often a backup given in
                // the salt file's place, whose bytes would only fail later as a wrong password
                throw new LegacyFileException("--salt-file " + saltFile + ": " + salt.length + " bytes, not a salt file: "
                        + "the original's (data/wallet/encryption-salt of its installation) holds " + SALT_BYTES
                        + " bytes; the backups go last, after the options");
            }
            return salt;
        } catch (NoSuchFileException e) {
            throw new LegacyFileException("--salt-file " + saltFile + ": no such file; without the original's salt "
                    + "file (data/wallet/encryption-salt of its installation) its seed cannot be opened");
        } catch (IOException e) {
            throw new LegacyFileException("--salt-file " + saltFile + ": cannot be read: " + e.getMessage());
        }
    }

    private void refuseNonEmptyStore() {
        if (!store.isEmpty()) {
            throw new IllegalStateException("the store is not empty: import ts-connector imports only into an empty "
                    + "store (a new --data-dir or database), as restore does; nothing was imported");
        }
    }

    private static void requireOneFullFirst(List<LegacyBackup> backups) {
        List<LegacyBackup> fulls = backups.stream().filter(LegacyBackup::full).toList();
        if (fulls.size() != 1) {
            throw new LegacyFileException("give exactly one full backup and the incrementals taken after it; these files "
                    + "hold " + fulls.size() + " full backups");
        }
        if (!backups.get(0).full()) {
            throw new LegacyFileException(backups.get(0).file() + ": an incremental older than the full backup "
                    + fulls.get(0).file() + "; an incremental applies only on top of the full taken before it");
        }
    }

    /** The state after the full and each incremental in turn: a later record replaces an earlier one with its key. */
    private static Merged merge(List<LegacyBackup> backups, ImportFindings findings) {
        Map<String, AgentWallet> wallets = new LinkedHashMap<>();
        Map<String, WalletLifecycleRecord> lifecycles = new LinkedHashMap<>();
        Map<String, AgentBalance> balances = new LinkedHashMap<>();
        Map<String, Path> walletFiles = new HashMap<>();
        for (LegacyBackup backup : backups) {
            backup.wallets().forEach(wallet -> {
                wallets.put(wallet.agentId(), wallet);
                walletFiles.put(wallet.agentId(), backup.file());
            });
            for (WalletLifecycleRecord record : backup.lifecycleRecords()) {
                requireWallet(wallets, record.agentId(), backup.file(), "lifecycleRecords");
                lifecycles.put(record.agentId(), record);
            }
            for (AgentBalance balance : backup.balances()) {
                requireWallet(wallets, balance.agentId(), backup.file(), "balanceSnapshots");
                balances.put(balance.agentId() + '\n' + balance.chain().wireName() + '\n' + balance.token(), balance);
            }
        }
        Map<Integer, AgentWallet> byIndex = new HashMap<>();
        for (AgentWallet wallet : wallets.values()) {
            AgentWallet other = byIndex.putIfAbsent(wallet.derivationIndex(), wallet);
            if (other != null) {
                throw new BackupFormatException(walletFiles.get(wallet.agentId()) + ": agents " + other.agentId()
                        + " and " + wallet.agentId() + " both have derivation index " + wallet.derivationIndex());
            }
            if (!lifecycles.containsKey(wallet.agentId())) {
                findings.missing("lifecycleRecords: none for agent " + wallet.agentId() + "; a pending record was made");
                lifecycles.put(wallet.agentId(), WalletLifecycleRecord.newlyCreated(wallet.agentId(), wallet.createdAt()));
            }
        }
        List<AgentWallet> ordered = new ArrayList<>(wallets.values());
        ordered.sort(Comparator.comparingInt(AgentWallet::derivationIndex));
        return new Merged(ordered, List.copyOf(lifecycles.values()), List.copyOf(balances.values()));
    }

    private static void requireWallet(Map<String, AgentWallet> wallets, String agentId, Path file, String section) {
        if (!wallets.containsKey(agentId)) {
            throw new BackupFormatException(file + ": " + section + " has a record of agent " + agentId
                    + ", which has no wallet in this backup or an earlier one");
        }
    }

    /** The seed of the full backup; every incremental must hold the same one. */
    private static MasterSeed openSeed(LegacySeedCipher cipher, List<LegacyBackup> backups) {
        MasterSeed seed = cipher.open(backups.get(0).encryptedMasterSeed(), backups.get(0).file()).toSeed("");
        try {
            String fingerprint = HdKeys.masterFingerprint(seed);
            for (LegacyBackup backup : backups.subList(1, backups.size())) {
                Mnemonic mnemonic = cipher.open(backup.encryptedMasterSeed(), backup.file());
                try (MasterSeed other = mnemonic.toSeed("")) {
                    if (!HdKeys.masterFingerprint(other).equals(fingerprint)) {
                        throw new BackupFormatException(backup.file() + ": holds another seed than the full backup "
                                + backups.get(0).file() + " (a backup of another installation)");
                    }
                }
            }
            return seed;
        } catch (RuntimeException e) {
            seed.close();
            throw e;
        }
    }

    /**
     * Every wallet with its XRP scheme, once both its addresses are proven: the EVM address by our derivation (its
     * EIP-55 form kept), the XRP address by the standard scheme or else the ed25519-legacy one. The first wallet (by
     * index) that derives by neither fails the import, naming its agent.
     */
    private static List<AgentWallet> prove(List<AgentWallet> wallets, MasterSeed seed, ImportFindings findings) {
        AccountKeys keys = HdKeys.agentAccountKeys(seed);
        LegacyXrpKeys legacy = LegacyXrpKeys.of(seed);
        List<Proof> proofs = wallets.parallelStream().map(wallet -> proof(wallet, keys, legacy)).toList();
        for (Proof proof : proofs) {
            if (proof.failure != null) {
                throw new BackupFormatException(proof.failure + "; nothing was imported");
            }
            if (!proof.wallet.evmAddress().equals(proof.claimedEvm)) {
                findings.normalised("wallets[].evmAddress: not in its EIP-55 checksum case; written in it");
            }
        }
        return proofs.stream().map(Proof::wallet).toList();
    }

    private static Proof proof(AgentWallet wallet, AccountKeys keys, LegacyXrpKeys legacy) {
        int index = wallet.derivationIndex();
        WalletAddresses standard = keys.addressesAt(index);
        String agent = "agent " + wallet.agentId() + " (index " + index + ")";
        if (!standard.evmAddress().equalsIgnoreCase(wallet.evmAddress())) {
            return new Proof(null, wallet.evmAddress(), agent + ": EVM address " + wallet.evmAddress()
                    + " does not derive from the seed at m/44'/60'/1'/0/" + index);
        }
        XrpScheme scheme;
        if (standard.xrpAddress().equals(wallet.xrpAddress())) {
            scheme = XrpScheme.STANDARD;
        } else if (legacy.addressAt(index).equals(wallet.xrpAddress())) {
            scheme = XrpScheme.ED25519_LEGACY;
        } else {
            return new Proof(null, wallet.evmAddress(), agent + ": XRP address " + wallet.xrpAddress()
                    + " derives from the seed at m/44'/144'/1'/0/" + index + " by neither the standard nor the "
                    + "ed25519-legacy scheme");
        }
        return new Proof(new AgentWallet(wallet.agentId(), index, standard.evmAddress(), wallet.xrpAddress(),
                wallet.createdAt(), wallet.updatedAt(), wallet.metadata(), 0, scheme), wallet.evmAddress(), null);
    }

    private void write(MasterSeedRecord seed, List<AgentWallet> wallets, List<WalletLifecycleRecord> lifecycles,
                       List<AgentBalance> balances) {
        store.write(connection -> {
            new MasterSeedRepository().insert(connection, seed);
            new WalletRepository().insertAll(connection, wallets);
            new LifecycleRepository().insertAll(connection, lifecycles);
            new BalanceRepository().insertAll(connection, balances);
            if (!wallets.isEmpty()) {
                new IndexReservation().raiseTo(connection, wallets.get(wallets.size() - 1).derivationIndex());
            }
            return null;
        });
    }

    private record Merged(List<AgentWallet> wallets, List<WalletLifecycleRecord> lifecycleRecords,
                          List<AgentBalance> balances) {
    }

    /** A wallet proven (with its scheme), or why it is not; {@code claimedEvm} as the backup wrote it. */
    private record Proof(AgentWallet wallet, String claimedEvm, String failure) {
    }
}
