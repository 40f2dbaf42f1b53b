package dev.walletbackup.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.chain.EvmJsonRpcTest;
import dev.walletbackup.testing.AnvilNode;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup, then the chain moves on (Anvil), then restore on a fresh machine: reconciliation reports exactly the
 * balances that moved, with expected and actual values, and one WALLET_BALANCE_MISMATCH event each.
 */
class ReconcileTest {
    static final String PASSWORD = "Reconcile-Test-Pass-1!";
    static final int AGENTS = 12;

    @TempDir
    Path temp;
    Path config;

    CliRunner cli(String dataDir, Map<String, String> extra) throws IOException {
        if (config == null) {
            config = TestStores.fastConfigFile(temp, Map.of());
        }
        Map<String, String> env = new HashMap<>(extra);
        env.put("WALLET_DATA_DIR", temp.resolve(dataDir).toString());
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env);
    }

    Result ok(CliRunner cli, String... args) {
        String[] withConfig = Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        Result result = cli.run(withConfig);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    /** A reconciliation that found balances that differ from the chains: exit 6, whatever else the report says. */
    JsonNode balancesDiffer(CliRunner cli) {
        Result result = cli.run("reconcile", "--json", "--config", config.toString());
        assertThat(result.exitCode()).as("differences are a finding: " + result.stderr()).isEqualTo(6);
        return result.json();
    }

    @Test
    void afterARestoreExactlyTheBalancesThatMovedOnChainAreReported() throws Exception {
        List<String> addresses = EvmJsonRpcTest.agentAddresses().subList(0, AGENTS);
        try (AnvilNode anvil = AnvilNode.start()) {
            String token = EvmJsonRpcTest.deployToken(anvil, BigInteger.TEN.pow(18));
            Map<String, String> chain = Map.of("EVM_RPC_URL", anvil.endpoint().toString());
            CliRunner old = cli("old", chain);
            assertThat(old.runWithInput(RunningApplication.HARDHAT, "seed", "import", "--config", config.toString())
                    .exitCode()).isZero();
            ok(old, "wallets", "create", "--count", String.valueOf(AGENTS));
            for (int i = 0; i < AGENTS; i++) {
                BigInteger wei = EvmJsonRpcTest.wei(i);
                anvil.call("anvil_setBalance", addresses.get(i), "0x" + wei.toString(16));
                ok(old, "balances", "record", "--agent", "agent-" + i, "--chain", "evm", "--token", "ETH", "--amount", wei.toString());
            }
            for (int i = 0; i < 4; i++) {
                EvmJsonRpcTest.transfer(anvil, token, addresses.get(i), BigInteger.valueOf(500 + i));
                ok(old, "balances", "record", "--agent", "agent-" + i, "--chain", "evm", "--token", token,
                        "--amount", String.valueOf(500 + i), "--decimals", "6");
            }
            ok(old, "balances", "record", "--agent", "agent-5", "--chain", "evm", "--token",
                    "0x000000000000000000000000000000000000dEaD", "--amount", "1", "--decimals", "6");
            assertThat(balancesDiffer(old).get("totals").get("MISMATCH").asInt())
                    .as("only the token with no contract differs before the backup").isZero();
            ok(old, "backup", "full");

            anvil.call("anvil_setBalance", addresses.get(2), "0x" + EvmJsonRpcTest.wei(2).add(BigInteger.valueOf(7)).toString(16));
            anvil.call("anvil_setBalance", addresses.get(9), "0x0");
            EvmJsonRpcTest.transfer(anvil, token, addresses.get(1), BigInteger.valueOf(1_000));

            CliRunner fresh = cli("fresh", chain);
            JsonNode restore = ok(fresh, "restore", "--source", temp.resolve("old").resolve("backups").toString(), "--json").json();
            assertThat(restore.get("reconciliation").get("MISMATCH").asInt()).isEqualTo(3);
            assertThat(restore.get("reconciliation").get("MISSING_ON_CHAIN").asInt()).isEqualTo(1);
            assertThat(restore.get("reconciliation").get("MATCH").asInt()).isEqualTo(AGENTS + 4 - 3);
            JsonNode written = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    Path.of(restore.get("reconciliationReport").asText()).toFile());
            assertThat(written.get("rows").get(0).get("status").asText()).isEqualTo("MISMATCH");
            assertThat(written.get("rows")).as("only the rows that are not MATCH").hasSize(3 + 1);
            assertThat(written.get("rowsLeftOut").asLong()).isZero();

            JsonNode report = balancesDiffer(fresh);
            assertThat(report.get("evmBlock").asLong()).isPositive();
            List<String> mismatches = new ArrayList<>();
            for (JsonNode row : report.get("rows")) {
                if (row.get("status").asText().equals("MISMATCH")) {
                    mismatches.add(row.get("agentId").asText() + " " + row.get("token").asText().substring(0, 3) + " "
                            + row.get("expectedBalance").asText() + "→" + row.get("actualBalance").asText()
                            + " Δ" + row.get("delta").asText());
                }
            }
            assertThat(mismatches).containsExactly(
                    "agent-9 ETH " + EvmJsonRpcTest.wei(9) + "→0 Δ-" + EvmJsonRpcTest.wei(9),
                    "agent-1 0x5 501→1501 Δ1000",
                    "agent-2 ETH " + EvmJsonRpcTest.wei(2) + "→" + EvmJsonRpcTest.wei(2).add(BigInteger.valueOf(7)) + " Δ7");

            List<String> events = telemetry(temp.resolve("fresh"));
            assertThat(events).hasSize(6);
            assertThat(events).allMatch(line -> line.contains("\"type\":\"WALLET_BALANCE_MISMATCH\""));
            assertThat(events).anyMatch(line -> line.contains("\"agentId\":\"agent-9\"") && line.contains("\"actualBalance\":\"0\""));
        }
    }

    @Test
    void balancesSyncStoresFreshSnapshotsOfActiveWalletsFromTheChain() throws Exception {
        List<String> addresses = EvmJsonRpcTest.agentAddresses().subList(0, 3);
        try (AnvilNode anvil = AnvilNode.start()) {
            String token = EvmJsonRpcTest.deployToken(anvil, BigInteger.TEN.pow(18));
            EvmJsonRpcTest.transfer(anvil, token, addresses.get(0), BigInteger.valueOf(4242));
            for (int i = 0; i < 3; i++) {
                anvil.call("anvil_setBalance", addresses.get(i), "0x" + EvmJsonRpcTest.wei(i).toString(16));
            }
            CliRunner cli = cli("live", Map.of("EVM_RPC_URL", anvil.endpoint().toString(), "EVM_TOKENS", token));
            assertThat(cli.runWithInput(RunningApplication.HARDHAT, "seed", "import", "--config", config == null
                    ? TestStores.fastConfigFile(temp, Map.of()).toString() : config.toString()).exitCode()).isZero();
            ok(cli, "wallets", "create", "--count", "3");
            ok(cli, "wallets", "set-state", "--agent", "agent-0", "--state", "active");
            ok(cli, "wallets", "set-state", "--agent", "agent-1", "--state", "active");
            assertThat(ok(cli, "balances", "sync", "--json").json().get("stored").asInt()).isEqualTo(4);
            JsonNode balances = ok(cli, "balances", "list", "--json").json();
            List<String> stored = new ArrayList<>();
            balances.forEach(balance -> stored.add(balance.get("agentId").asText() + " "
                    + balance.get("token").asText().substring(0, 3) + " " + balance.get("balance").asText() + " "
                    + balance.get("decimals").asInt() + " " + (balance.get("blockNumber").asLong() > 0)));
            assertThat(stored).containsExactlyInAnyOrder(
                    "agent-0 ETH " + EvmJsonRpcTest.wei(0) + " 18 true", "agent-0 0x5 4242 6 true",
                    "agent-1 ETH " + EvmJsonRpcTest.wei(1) + " 18 true", "agent-1 0x5 0 6 true");
        }
    }

    @Test
    void anUnreachableNodeMakesRowsUnreachableAndTheRestoreStillSucceeds() throws Exception {
        Map<String, String> down = Map.of("EVM_RPC_URL", "http://127.0.0.1:1");
        CliRunner old = cli("old", down);
        assertThat(old.runWithInput(RunningApplication.HARDHAT, "seed", "import", "--config", config == null
                ? TestStores.fastConfigFile(temp, Map.of()).toString() : config.toString()).exitCode()).isZero();
        ok(old, "wallets", "create", "--count", "2");
        ok(old, "balances", "record", "--agent", "agent-1", "--chain", "evm", "--token", "ETH", "--amount", "3");
        ok(old, "backup", "full");
        JsonNode restore = ok(cli("fresh", down), "restore", "--source", temp.resolve("old").resolve("backups").toString(),
                "--json").json();
        assertThat(restore.get("digestMatch").asBoolean()).isTrue();
        assertThat(restore.get("reconciliation").get("UNREACHABLE").asInt()).isEqualTo(1);
        Result partial = cli("fresh", down).run("reconcile", "--json", "--config", config.toString());
        assertThat(partial.exitCode()).as("a run that could not compare every balance is partial").isEqualTo(1);
        JsonNode report = partial.json();
        assertThat(report.get("partial").asBoolean()).isTrue();
        assertThat(report.get("rows").get(0).get("reason").asText()).contains("127.0.0.1:1");
    }

    static List<String> telemetry(Path dataDir) throws IOException {
        Path file = dataDir.resolve("telemetry").resolve("wallet-balance-mismatch.jsonl");
        try (Stream<String> lines = Files.lines(file)) {
            return lines.toList();
        }
    }
}
