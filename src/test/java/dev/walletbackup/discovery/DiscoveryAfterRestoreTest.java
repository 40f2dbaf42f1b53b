package dev.walletbackup.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.testing.AnvilNode;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.Disaster;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wallets created and used on chain after the last backup, then the disaster: discovery (BIP-44 gap limit) brings
 * every used one back as a suspended wallet, and no new wallet reuses an index.
 */
class DiscoveryAfterRestoreTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Discovery-Drill-Pass-1!";

    @TempDir
    Path temp;

    CliRunner runner(Map<String, String> store, Map<String, String> chain) throws IOException {
        Map<String, String> env = new HashMap<>(store);
        env.putAll(chain);
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env).withConfig(TestStores.fastConfigFile(Files.createDirectories(temp.resolve("config")),
                Map.of()));
    }

    /** Three wallets backed up, then ten more (indices 3..12); of those, 4 and 12 funded and 8 has sent. */
    Map<Integer, String> lostWallets(AnvilNode anvil) throws Exception {
        CliRunner old = runner(Map.of("WALLET_DATA_DIR", temp.resolve("old").toString()), Map.of());
        assertThat(old.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        old.ok("wallets", "create", "--count", "3");
        old.ok("backup", "full");
        old.ok("wallets", "create", "--count", "10", "--prefix", "lost-");
        Map<Integer, String> used = new LinkedHashMap<>();
        for (JsonNode wallet : old.ok("wallets", "list", "--json").json()) {
            int index = wallet.get("derivationIndex").asInt();
            if (index == 4 || index == 8 || index == 12) {
                used.put(index, wallet.get("evmAddress").asText());
            }
        }
        anvil.call("anvil_setBalance", used.get(4), "0x3e8");
        anvil.call("anvil_setNonce", used.get(8), "0x2");
        anvil.call("anvil_setBalance", used.get(12), "0x0de0b6b3a7640000");
        return used;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRestoreWithAnEvmEndpointBringsBackEveryWalletUsedOnChainAfterTheBackup(Kind kind) throws Exception {
        try (AnvilNode anvil = AnvilNode.start()) {
            Map<Integer, String> used = lostWallets(anvil);
            Path copy = disaster();

            CliRunner fresh = runner(TestStores.environment(kind, temp.resolve("new")),
                    Map.of("EVM_RPC_URL", anvil.endpoint().toString()));
            JsonNode report = fresh.ok("restore", "--source", copy.toString(), "--json").json();
            JsonNode discovery = report.get("discovery");
            assertThat(discovery.get("ran").asBoolean()).isTrue();
            assertThat(indices(discovery.get("found"))).containsExactly(4, 8, 12);
            assertThat(discovery.get("scannedThrough").asLong()).isEqualTo(32);
            assertThat(report.get("reservedIndices").get("reservedThrough").asLong())
                    .as("the report states the reservation discovery left, not the one before it").isEqualTo(32);
            assertThat(report.get("warnings").get(0).asText()).startsWith("3 wallet(s) created after backup");

            assertDiscovered(fresh, used);
            assertThat(fresh.ok("wallets", "create", "--agent", "next", "--json").json().get("derivationIndex").asInt())
                    .isEqualTo(33);
            JsonNode full = fresh.ok("backup", "full", "--json").json();
            assertThat(full.has("note")).as("a full finds the state digest that discovery kept right: %s", full)
                    .isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void withoutAnEndpointTheRestoreWarnsAndWalletsDiscoverFindsThemLater(Kind kind) throws Exception {
        try (AnvilNode anvil = AnvilNode.start()) {
            Map<Integer, String> used = lostWallets(anvil);
            Path copy = disaster();
            Map<String, String> store = TestStores.environment(kind, temp.resolve("new"));

            CliRunner.Result restore = runner(store, Map.of()).ok("restore", "--source", copy.toString());
            assertThat(restore.stdout()).contains("discovery did not run: no chain endpoint is configured")
                    .doesNotContain("WARNING");
            assertThat(restore.stderr()).as("the warning, once, on standard error")
                    .containsOnlyOnce("wallets created after backup")
                    .contains("WARNING: wallets created after backup")
                    .contains("run 'wallet-backup wallets discover' once chain endpoints are configured");
            CliRunner withChain = runner(store, Map.of("EVM_RPC_URL", anvil.endpoint().toString()));
            assertThat(withChain.ok("wallets", "create", "--agent", "discovered-4").stderr())
                    .as("until discovery has run, every creation says only the gap limit protects the lost wallets")
                    .contains("WARNING: this store was restored from backup")
                    .contains("run 'wallet-backup wallets discover'");
            JsonNode outcome = withChain.ok("wallets", "discover", "--json").json();
            assertThat(indices(outcome.get("found"))).containsExactly(4, 8, 12);
            List<String> agentIds = new ArrayList<>();
            outcome.get("found").forEach(wallet -> agentIds.add(wallet.get("agentId").asText()));
            assertThat(agentIds).as("an operator's own discovered-4 keeps its id").containsExactly("discovered-4-2",
                    "discovered-8", "discovered-12");

            assertDiscovered(withChain, used);
            assertThat(indices(withChain.ok("wallets", "discover", "--json").json().get("found")))
                    .as("a second discovery finds nothing new").isEmpty();
            CliRunner.Result next = withChain.ok("wallets", "create", "--agent", "next", "--json");
            assertThat(next.stderr()).doesNotContain("WARNING");
            assertThat(next.json().get("derivationIndex").asInt()).as("the operator's discovered-4 took 23, an index "
                    + "in use, so the scan's run of 20 unused ones ends at 43").isEqualTo(44);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aChainThatCannotBeAskedNeverFailsTheRestoreAndTheReservationStands(Kind kind) throws Exception {
        CliRunner old = runner(Map.of("WALLET_DATA_DIR", temp.resolve("old").toString()), Map.of());
        assertThat(old.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        old.ok("wallets", "create", "--count", "2");
        old.ok("backup", "full");
        Path copy = disaster();
        Map<String, String> store = TestStores.environment(kind, temp.resolve("new"));
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        JsonNode report = runner(store, Map.of("EVM_RPC_URL", "http://127.0.0.1:" + closedPort)).ok("restore",
                "--source", copy.toString(), "--json").json();
        assertThat(report.get("discovery").get("ran").asBoolean()).isFalse();
        assertThat(report.get("discovery").get("reason").asText()).startsWith("failed: ");
        assertThat(report.get("restored").get("wallets").asLong()).isEqualTo(2);
        assertThat(report.get("warnings").get(0).asText()).contains("indices up to 21 are reserved")
                .contains("run 'wallet-backup wallets discover'");

        CliRunner.Result refused = runner(store, Map.of()).run("wallets", "discover");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("set EVM_RPC_URL and/or XRPL_RPC_URL first");
        assertThat(runner(store, Map.of()).ok("wallets", "create", "--agent", "next", "--json").json()
                .get("derivationIndex").asInt()).isEqualTo(22);
    }

    private static void assertDiscovered(CliRunner cli, Map<Integer, String> used) {
        Map<Integer, String> suspended = new LinkedHashMap<>();
        for (JsonNode wallet : cli.ok("wallets", "list", "--json").json()) {
            if (wallet.get("state").asText().equals("suspended")) {
                assertThat(wallet.get("agentId").asText()).startsWith("discovered-");
                suspended.put(wallet.get("derivationIndex").asInt(), wallet.get("evmAddress").asText());
            }
        }
        assertThat(suspended).isEqualTo(used);
        String shown = cli.ok("wallets", "show", "--agent", "discovered-12").stdout();
        assertThat(shown).contains("found on chain after restore").contains("1000000000000000000");
    }

    private static List<Integer> indices(JsonNode found) {
        List<Integer> out = new ArrayList<>();
        found.forEach(wallet -> out.add(wallet.get("derivationIndex").asInt()));
        return out;
    }

    private Path disaster() throws IOException {
        return Disaster.keepBackupsAndDestroy(temp.resolve("old"), temp.resolve("backup-copy"));
    }
}
