package dev.walletbackup.bench;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.derivation.LegacyXrpKeys;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.legacy.LegacyBackupWriter;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.wallet.AgentWallet;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The data set of {@code bench --ts-connector}: a full backup of N active wallets (two balances each) as the original
 * TypeScript connector writes it, with a new seed, the original's ed25519 XRP addresses and a salt file, for
 * {@code import ts-connector} to import.
 */
public final class TsConnectorDataSet {
    private static final int SALT_BYTES = 32;

    private TsConnectorDataSet() {
    }

    /** The backup file and the salt file written into {@code directory}. */
    public record LegacyFiles(Path backup, Path saltFile) {
    }

    public static LegacyFiles write(Path directory, int wallets, Password password, Instant now) throws IOException {
        Files.createDirectories(directory);
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        Path saltFile = Files.write(directory.resolve("encryption-salt"), salt);
        Mnemonic mnemonic = Mnemonic.generate(24);
        List<AgentWallet> rows;
        try (MasterSeed seed = mnemonic.toSeed("")) {
            AccountKeys keys = HdKeys.agentAccountKeys(seed);
            LegacyXrpKeys legacy = LegacyXrpKeys.of(seed);
            rows = IntStream.range(0, wallets).parallel().mapToObj(index -> new AgentWallet("agent-" + index, index,
                    keys.addressesAt(index).evmAddress(), legacy.addressAt(index), now, now, null, 0)).toList();
        }
        List<WalletLifecycleRecord> lifecycles = new ArrayList<>(wallets);
        List<AgentBalance> balances = new ArrayList<>(2 * wallets);
        for (AgentWallet wallet : rows) {
            lifecycles.add(new WalletLifecycleRecord(wallet.agentId(), LifecycleState.ACTIVE, now, now, null, null, null,
                    0, Map.of(), null, 0));
            balances.add(new AgentBalance(wallet.agentId(), Chain.EVM, "ETH", BigInteger.TEN.pow(17), 18, null, now, 0));
            balances.add(new AgentBalance(wallet.agentId(), Chain.XRP, "XRP", BigInteger.valueOf(100_000), 6, null, now, 0));
        }
        Path backup = directory.resolve("backup-full-" + now.toEpochMilli() + ".json");
        LegacyBackupWriter.writeFull(backup, now, LegacyBackupWriter.seal(mnemonic, password, salt), rows, lifecycles,
                balances);
        return new LegacyFiles(backup, saltFile);
    }
}
