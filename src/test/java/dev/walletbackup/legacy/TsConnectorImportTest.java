package dev.walletbackup.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.Disaster;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code import ts-connector} end to end on the shared fixture of the original connector and on backups made from it:
 * the addresses are kept and proven, a first backup restores on a fresh store to the same state, and every failure
 * leaves the store empty.
 */
class TsConnectorImportTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theFixtureImportsOnceWithEveryAddressProvenAndItsFirstBackupRestoresTheSameState(Kind kind) throws IOException {
        Path legacy = Files.createDirectories(temp.resolve("legacy"));
        Path backup = LegacyFixtures.copyFiveWallets(legacy);
        CliRunner cli = runner(TestStores.environment(kind, temp.resolve("old")));

        Result imported = cli.ok("import", "ts-connector", "--salt-file", LegacyFixtures.saltFile(legacy).toString(),
                backup.toString());

        assertThat(imported.stdout()).contains("Imported 5 wallets, 5 lifecycle records, 10 balances")
                .contains("ed25519-legacy=5").contains("salt file is no longer needed")
                .containsPattern("First full backup: [0-9a-f]{16}");
        JsonNode wallets = cli.ok("wallets", "list", "--json").json();
        JsonNode original = LegacyFixtures.fiveWallets().get("wallets");
        assertThat(wallets).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(wallets.get(i).get("agentId")).isEqualTo(original.get(i).get("agentId"));
            assertThat(wallets.get(i).get("evmAddress")).isEqualTo(original.get(i).get("evmAddress"));
            assertThat(wallets.get(i).get("xrpAddress")).isEqualTo(original.get(i).get("xrpAddress"));
            assertThat(wallets.get(i).get("xrpScheme").asText()).isEqualTo("ed25519-legacy");
            assertThat(wallets.get(i).get("createdAt")).isEqualTo(original.get(i).get("createdAt"));
            assertThat(wallets.get(i).get("state").asText()).isEqualTo("active");
        }
        JsonNode agent0 = cli.ok("wallets", "show", "--agent", "agent-0", "--json").json();
        assertThat(agent0.at("/lifecycle/totalVolume/ETH").asText()).isEqualTo("1000");
        assertThat(agent0.at("/lifecycle/lastActivity").asLong()).isEqualTo(1795624065676L);
        assertThat(agent0.get("balances")).anySatisfy(balance -> {
            assertThat(balance.get("token").asText()).isEqualTo("ETH");
            assertThat(balance.get("balance").asText()).isEqualTo("100000000000000000");
            assertThat(balance.get("decimals").asInt()).isEqualTo(18);
        });
        assertThat(cli.ok("wallets", "show", "--agent", "agent-3").stdout()).contains("(ed25519-legacy derivation)");
        Result again = cli.run("import", "ts-connector", "--salt-file", LegacyFixtures.saltFile(legacy).toString(),
                backup.toString());
        assertThat(again.exitCode()).as("a store that is not empty is refused").isEqualTo(1);
        assertThat(again.stderr()).contains("the store is not empty").contains("nothing was imported");
        assertThat(cli.ok("wallets", "list", "--json").json()).isEqualTo(wallets);

        Path copy = Disaster.keepBackupsAndDestroy(temp.resolve("old"), temp.resolve("copy"));
        Map<String, String> freshStore = TestStores.environment(kind, temp.resolve("new"));
        CliRunner fresh = runner(freshStore);
        assertThat(fresh.ok("restore", "--source", copy.toString()).stdout())
                .contains("5 wallet addresses re-derived and matching").contains("matches the backup");
        assertThat(fresh.ok("wallets", "list", "--json").json()).isEqualTo(wallets);

        behindItsBack(freshStore, "UPDATE wallet.agent_wallets SET xrp_scheme = 'standard' WHERE agent_id = 'agent-2'");
        fresh.ok("backup", "full");
        Result drill = fresh.run("drill");
        assertThat(drill.exitCode()).as("the proof derives each XRP address by its wallet's scheme").isEqualTo(3);
        assertThat(drill.stdout() + drill.stderr()).contains("agent-2");
        behindItsBack(freshStore, "UPDATE wallet.agent_wallets SET xrp_scheme = 'ed25519-legacy' WHERE agent_id = 'agent-2'");

        JsonNode created = fresh.ok("wallets", "create", "--agent", "after-import", "--json").json();
        assertThat(created.get("derivationIndex").asInt()).isGreaterThan(4);
        assertThat(created.has("xrpScheme")).as("a new wallet is of the standard scheme").isFalse();
        assertThat(fresh.ok("wallets", "show", "--agent", "after-import").stdout()).contains("(standard derivation)");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void incrementalsApplyInTimestampOrderWhateverTheOrderGiven(Kind kind) throws IOException {
        Path legacy = Files.createDirectories(temp.resolve("legacy"));
        Path full = LegacyFixtures.copyFiveWallets(legacy);
        Path later = LegacyFixtures.write(legacy.resolve("later.json"), backup -> incremental(backup, 2000, "archived", "7"));
        Path earlier = LegacyFixtures.write(legacy.resolve("earlier.json"), backup -> incremental(backup, 1000, "suspended", "5"));
        CliRunner cli = runner(TestStores.environment(kind, temp.resolve("store")));

        JsonNode report = cli.ok("import", "ts-connector", "--json", "--salt-file",
                LegacyFixtures.saltFile(legacy).toString(), later.toString(), full.toString(), earlier.toString()).json();

        assertThat(report.at("/import/files/0/file").asText()).isEqualTo(full.toString());
        assertThat(report.at("/import/files/1/file").asText()).isEqualTo(earlier.toString());
        assertThat(report.at("/import/files/2/file").asText()).isEqualTo(later.toString());
        assertThat(report.at("/import/malformedFields/0").asText()).contains("balanceSnapshots[].balance")
                .contains("JSON number");
        assertThat(report.get("firstBackupId").asText()).matches("[0-9a-f]{16}");
        JsonNode agent1 = cli.ok("wallets", "show", "--agent", "agent-1", "--json").json();
        assertThat(agent1.at("/lifecycle/state").asText()).isEqualTo("archived");
        assertThat(agent1.get("balances")).anySatisfy(balance -> {
            assertThat(balance.get("token").asText()).isEqualTo("XRP");
            assertThat(balance.get("balance").asText()).isEqualTo("7");
        });
    }

    /** An incremental {@code afterMs} after the fixture: agent-1 moved to {@code state}, its XRP balance a JSON number. */
    private static void incremental(ObjectNode backup, long afterMs, String state, String drops) {
        long at = backup.get("timestamp").asLong() + afterMs;
        backup.put("timestamp", at).put("type", "incremental");
        ArrayNode wallets = backup.putArray("wallets");
        ObjectNode lifecycle = (ObjectNode) backup.get("lifecycleRecords").get(1).deepCopy();
        lifecycle.put("state", state).put("lastActivity", at);
        backup.putArray("lifecycleRecords").add(lifecycle);
        ObjectNode xrp = (ObjectNode) backup.get("balanceSnapshots").get("agent-1").get(1).deepCopy();
        xrp.put("balance", Long.parseLong(drops)).put("lastUpdated", at);
        ObjectNode balances = backup.putObject("balanceSnapshots");
        balances.putArray("agent-1").add(xrp);
        assertThat(wallets).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyFailureSaysWhatFailedAndLeavesTheStoreEmpty(Kind kind) throws IOException {
        Path legacy = Files.createDirectories(temp.resolve("legacy"));
        Path good = LegacyFixtures.copyFiveWallets(legacy);
        String salt = LegacyFixtures.saltFile(legacy).toString();
        Map<String, String> store = TestStores.environment(kind, temp.resolve("store"));
        CliRunner cli = runner(store);

        Path changed = legacy.resolve("changed.json");
        Files.writeString(changed, Files.readString(good).replace("\"1000\"", "\"1001\""));
        Result checksum = cli.run("import", "ts-connector", "--salt-file", salt, changed.toString());
        assertThat(checksum.exitCode()).isEqualTo(3);
        assertThat(checksum.stderr()).contains(changed.toString()).contains("checksum mismatch");

        Result noSalt = cli.run("import", "ts-connector", "--salt-file", legacy.resolve("missing-salt").toString(),
                good.toString());
        assertThat(noSalt.exitCode()).isEqualTo(2);
        assertThat(noSalt.stderr()).contains("--salt-file").contains("missing-salt").contains("no such file");

        Result swapped = cli.run("import", "ts-connector", "--salt-file", good.toString(), salt);
        assertThat(swapped.exitCode()).as("the backup given as the salt file, the salt as the backup").isEqualTo(2);
        assertThat(swapped.stderr()).contains("--salt-file " + good).contains("not a salt file").contains("32 bytes");

        Path wrongPassword = Files.writeString(temp.resolve("legacy-password"), "NotTheP@ssw0rd12345\n");
        Result password = cli.run("import", "ts-connector", "--salt-file", salt, "--legacy-password-file",
                wrongPassword.toString(), good.toString());
        assertThat(password.exitCode()).isEqualTo(4);
        assertThat(password.stderr()).contains("does not open encryptedMasterSeed").doesNotContain("NotTheP@ssw0rd");

        Path tampered = LegacyFixtures.write(legacy.resolve("tampered.json"), backup ->
                ((ObjectNode) backup.get("wallets").get(3)).put("xrpAddress", backup.get("wallets").get(4).get("xrpAddress").asText()));
        Result address = cli.run("import", "ts-connector", "--salt-file", salt, tampered.toString());
        assertThat(address.exitCode()).isEqualTo(3);
        assertThat(address.stderr()).contains("agent agent-3").contains("neither the standard nor the ed25519-legacy")
                .contains("nothing was imported");

        assertThat(isEmpty(store)).as("nothing was written by any of them").isTrue();
    }

    /** A statement run straight on the store, as an operator's SQL session would, past wallet-backup. */
    private static void behindItsBack(Map<String, String> environment, String sql) {
        try (WalletStore store = WalletStore.open(WalletConfig.load(TestStores.SHIPPED_CONFIG, environment,
                TestStores.FAST))) {
            store.write(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    return statement.executeUpdate();
                }
            });
        }
    }

    private static boolean isEmpty(Map<String, String> environment) {
        try (WalletStore store = WalletStore.open(WalletConfig.load(TestStores.SHIPPED_CONFIG, environment,
                TestStores.FAST), true)) {
            return store.isEmpty();
        }
    }

    private CliRunner runner(Map<String, String> store) throws IOException {
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_BACKUP_PASSWORD", LegacyFixtures.PASSWORD);
        return new CliRunner(env).withConfig(TestStores.fastConfigFile(
                Files.createDirectories(temp.resolve("config")), Map.of()));
    }
}
