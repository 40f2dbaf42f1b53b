package dev.walletbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The disaster: an installation makes backups, then loses everything but a copy of its backup directory. A new
 * installation (H2 or PostgreSQL) restores from the copy alone and must hold exactly what was saved.
 */
class DisasterRecoveryTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Disaster-Drill-Pass-1!";

    @TempDir
    Path temp;
    Path config;

    /** The old installation: embedded H2 in its own data directory, soon to be destroyed. */
    CliRunner old() throws IOException {
        return runner(Map.of("WALLET_DATA_DIR", temp.resolve("old").toString()));
    }

    CliRunner runner(Map<String, String> store) throws IOException {
        if (config == null) {
            config = TestStores.fastConfigFile(temp, Map.of());
        }
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env);
    }

    Result ok(CliRunner cli, String... args) {
        Result result = cli.run(withConfig(args));
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    String[] withConfig(String... args) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 2);
        out[args.length] = "--config";
        out[args.length + 1] = config.toString();
        return out;
    }

    /** What an operator compares: the seed, every wallet with its state, every balance. */
    record Snapshot(String fingerprint, JsonNode wallets, JsonNode balances) {
    }

    Snapshot snapshot(CliRunner cli) {
        return new Snapshot(ok(cli, "seed", "fingerprint", "--json").json().get("fingerprint").asText(),
                ok(cli, "wallets", "list", "--json").json(), ok(cli, "balances", "list", "--json").json());
    }

    /** Copies the backups somewhere safe and destroys the old installation's data directory. */
    Path disaster() throws IOException {
        Path copy = temp.resolve("backup-copy");
        Path backups = temp.resolve("old").resolve("backups");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(backups)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> files = Files.walk(temp.resolve("old"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        return copy;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFreshInstallationRestoresExactlyWhatWasSavedFromTheBackupFilesAlone(Kind kind) throws IOException {
        CliRunner old = old();
        assertThat(old.runWithInput(HARDHAT, withConfig("seed", "import")).exitCode()).isZero();
        ok(old, "wallets", "create", "--count", "5");
        for (int i = 0; i < 5; i++) {
            ok(old, "wallets", "set-state", "--agent", "agent-" + i, "--state", "active");
            ok(old, "balances", "record", "--agent", "agent-" + i, "--chain", "evm", "--token", "ETH", "--amount",
                    String.valueOf((i + 1) * 1_000_000_000_000_000_000L));
        }
        ok(old, "backup", "full");
        Snapshot saved = snapshot(old);
        Path copy = disaster();

        CliRunner fresh = runner(TestStores.environment(kind, temp.resolve("new")));
        JsonNode report = ok(fresh, "restore", "--source", copy.toString(), "--json").json();
        assertThat(report.get("digestMatch").asBoolean()).isTrue();
        assertThat(report.get("walletsRederived").asLong()).isEqualTo(5);
        assertThat(report.get("restored").get("wallets").asLong()).isEqualTo(5);
        Snapshot restored = snapshot(fresh);
        assertThat(restored).isEqualTo(saved);
        assertThat(restored.wallets()).allMatch(wallet -> wallet.get("state").asText().equals("active"));

        JsonNode first = ok(fresh, "backup", "incremental", "--json").json();
        assertThat(first.get("type").asText()).isEqualTo("full");
        assertThat(first.get("note").asText()).as("the restored store's own timeline has no full yet")
                .isEqualTo("timeline " + report.get("timeline").get("id").asText() + ", which the restore of backup "
                        + report.get("target").asText() + " started, has no full backup yet, so this incremental "
                        + "request made a full backup");
        ok(fresh, "wallets", "create", "--count", "2", "--prefix", "after-");
        ok(fresh, "backup", "incremental");
        Snapshot sevenWallets = snapshot(fresh);
        assertThat(sevenWallets.wallets()).hasSize(7);
        Path secondCopy = temp.resolve("second-copy");
        Files.createDirectories(secondCopy);
        try (Stream<Path> files = Files.list(temp.resolve("new").resolve("backups"))) {
            for (Path file : files.toList()) {
                Files.copy(file, secondCopy.resolve(file.getFileName()));
            }
        }
        CliRunner third = runner(TestStores.environment(kind, temp.resolve("third")));
        JsonNode chain = ok(third, "restore", "--source", secondCopy.toString(), "--json").json();
        assertThat(chain.get("chain")).hasSize(2);
        assertThat(snapshot(third)).isEqualTo(sevenWallets);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void pointInTimeRestoreStopsAtTheNewestBackupAtOrBeforeTheInstant(Kind kind) throws IOException {
        CliRunner old = old();
        assertThat(old.runWithInput(HARDHAT, withConfig("seed", "import")).exitCode()).isZero();
        ok(old, "wallets", "create", "--count", "3");
        ok(old, "backup", "full");
        ok(old, "wallets", "set-state", "--agent", "agent-1", "--state", "active");
        ok(old, "balances", "record", "--agent", "agent-1", "--chain", "xrp", "--token", "XRP", "--amount", "42");
        JsonNode second = ok(old, "backup", "incremental", "--json").json();
        Snapshot atSecond = snapshot(old);
        ok(old, "wallets", "create", "--agent", "too-late");
        ok(old, "balances", "remove", "--agent", "agent-1", "--chain", "xrp", "--token", "XRP");
        ok(old, "backup", "incremental");
        Path copy = disaster();

        CliRunner fresh = runner(TestStores.environment(kind, temp.resolve("new")));
        JsonNode report = ok(fresh, "restore", "--source", copy.toString(), "--at", second.get("createdAt").asText(),
                "--json").json();
        assertThat(report.get("target").asText()).isEqualTo(second.get("id").asText());
        assertThat(snapshot(fresh)).isEqualTo(atSecond);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFullBackupTakenAfterABalanceWasRemovedRestores(Kind kind) throws IOException {
        CliRunner old = old();
        assertThat(old.runWithInput(HARDHAT, withConfig("seed", "import")).exitCode()).isZero();
        ok(old, "wallets", "create", "--count", "3");
        ok(old, "balances", "record", "--agent", "agent-1", "--chain", "evm", "--token", "ETH", "--amount", "5");
        ok(old, "balances", "record", "--agent", "agent-2", "--chain", "evm", "--token", "ETH", "--amount", "7");
        ok(old, "balances", "remove", "--agent", "agent-1", "--chain", "evm", "--token", "ETH");
        JsonNode full = ok(old, "backup", "full", "--json").json();
        assertThat(full.get("counts").get("tombstones").asLong()).as("a full holds no deletions").isZero();
        ok(old, "backup", "verify", "--deep");
        Snapshot saved = snapshot(old);
        Path copy = disaster();

        CliRunner fresh = runner(TestStores.environment(kind, temp.resolve("new")));
        JsonNode report = ok(fresh, "restore", "--source", copy.toString(), "--json").json();
        assertThat(report.get("digestMatch").asBoolean()).isTrue();
        assertThat(snapshot(fresh)).isEqualTo(saved);
    }
}
