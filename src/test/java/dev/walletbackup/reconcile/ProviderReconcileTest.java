package dev.walletbackup.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.chain.EvmJsonRpcTest;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.testing.AnvilNode;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.EvmProviderStandIn;
import dev.walletbackup.testing.RippledStandIn.Line;
import dev.walletbackup.testing.RippledStandIn;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation against providers that behave like public ones: a rippled that pages trust lines three at a time
 * and pushes back on one request in seven (HTTP 503, slowDown, Retry-After), and an EVM provider in front of a real
 * Anvil that caps batches at two calls (three are asked for) and pushes back on one request in seven (HTTP 429 with and without
 * Retry-After, -32005, HTTP 503). Every row is asserted: nothing that matches is reported, nothing that differs is
 * missed. One store, seeded once; each case gets its own stand-ins.
 */
class ProviderReconcileTest {
    static final String ISSUER = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh";
    /** A 40-hex-digit currency code (a non-standard currency as rippled writes it): 75 characters with the issuer. */
    static final String HEX_CURRENCY = "0158415500000000C1F76FF6ECB0BAC600000000";
    static final int EVM_AGENTS = 12;
    /** agent-0's trust lines: seven lines, three pages of three, a 40-hex code among them. */
    static final List<Line> AGENT_0_LINES = List.of(new Line("USD", ISSUER, "12.5"), new Line("EUR", ISSUER, "0.000001"),
            new Line("BTC", ISSUER, "3"), new Line(HEX_CURRENCY, ISSUER, "1000"), new Line("JPY", ISSUER, "250000"),
            new Line("CNY", ISSUER, "0"), new Line("534F4C4F00000000000000000000000000000000", ISSUER, "42.424242"));

    @TempDir
    static Path temp;
    static AnvilNode anvil;
    static Path config;
    static List<String> evmAddresses;
    static List<String> xrpAddresses = new ArrayList<>();
    RippledStandIn rippled;
    EvmProviderStandIn provider;

    @BeforeAll
    static void seedOneStore() throws Exception {
        evmAddresses = EvmJsonRpcTest.agentAddresses();
        try (MasterSeed seed = Mnemonic.parse(RunningApplication.HARDHAT).toSeed("")) {
            AccountKeys keys = HdKeys.agentAccountKeys(seed);
            for (int i = 0; i < 3; i++) {
                xrpAddresses.add(keys.addressesAt(i).xrpAddress());
            }
        }
        anvil = AnvilNode.start();
        config = TestStores.fastConfigFile(temp, Map.of("wallet.rpc.attempts", "4", "wallet.rpc.first-back-off-ms", "5",
                "wallet.rpc.max-back-off-ms", "2000", "wallet.evm.max-batch-calls", "3", "wallet.reconcile.timeout-seconds", "5"));
        CliRunner seeding = cli(Map.of());
        assertThat(seeding.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        seeding.ok("wallets", "create", "--count", String.valueOf(EVM_AGENTS));
        for (int i = 0; i < EVM_AGENTS; i++) {
            anvil.call("anvil_setBalance", evmAddresses.get(i), "0x" + EvmJsonRpcTest.wei(i).toString(16));
            seeding.ok("balances", "record", "--agent", "agent-" + i, "--chain", "evm", "--token", "ETH",
                    "--amount", EvmJsonRpcTest.wei(i).toString());
        }
        seeding.ok("balances", "record", "--agent", "agent-0", "--chain", "xrp", "--token", "XRP", "--amount", "25000000");
        for (Line line : AGENT_0_LINES) {
            seeding.ok("balances", "record", "--agent", "agent-0", "--chain", "xrp", "--token",
                    line.currency() + "." + ISSUER, "--amount", new BigDecimal(line.balance()).movePointRight(6)
                            .toBigIntegerExact().toString(), "--decimals", "6");
        }
        seeding.ok("balances", "record", "--agent", "agent-1", "--chain", "xrp", "--token", "XRP", "--amount", "10000000");
        seeding.ok("balances", "record", "--agent", "agent-1", "--chain", "xrp", "--token", "USD." + ISSUER,
                "--amount", "5000000", "--decimals", "6");
        seeding.ok("balances", "record", "--agent", "agent-2", "--chain", "xrp", "--token", "XRP", "--amount", "0");
    }

    @AfterAll
    static void stopAnvil() throws Exception {
        anvil.close();
    }

    static CliRunner cli(Map<String, String> chains) {
        Map<String, String> env = new HashMap<>(chains);
        env.put("WALLET_DATA_DIR", temp.resolve("data").toString());
        env.put("WALLET_BACKUP_PASSWORD", "Provider-Reconcile-Pass-1!");
        return new CliRunner(env).withConfig(config);
    }

    @BeforeEach
    void startStandIns() throws IOException {
        rippled = new RippledStandIn(3, 7);
        rippled.account(xrpAddresses.get(0), 25_000_000, AGENT_0_LINES);
        // agent-1 is the issuer side of its USD line: it owes 5, it does not hold them
        rippled.account(xrpAddresses.get(1), 10_000_000, List.of(new Line("USD", ISSUER, "-5")));
        provider = new EvmProviderStandIn(anvil.endpoint(), 2, 7);
    }

    @AfterEach
    void stopStandIns() {
        rippled.close();
        provider.close();
    }

    CliRunner.Result reconcile() {
        return cli(Map.of("EVM_RPC_URL", provider.endpoint().toString(), "XRPL_RPC_URL", rippled.endpoint().toString()))
                .run("reconcile", "--json");
    }

    static Map<String, String> rows(JsonNode report) {
        Map<String, String> rows = new HashMap<>();
        report.get("rows").forEach(row -> rows.put(row.get("agentId").asText() + " " + row.get("token").asText(),
                row.get("status").asText() + (row.has("actualBalance") ? " " + row.get("actualBalance").asText() : "")
                        + (row.has("delta") ? " delta " + row.get("delta").asText() : "")));
        return rows;
    }

    @Test
    void throughPushBackPagesAndBatchCapsCorrectBalancesMatchAndTheOneRealDifferenceIsReportedExactly() {
        CliRunner.Result run = reconcile();
        assertThat(run.exitCode()).as("the one difference is a finding: " + run.stderr()).isEqualTo(6);
        JsonNode report = run.json();
        assertThat(report.get("partial").asBoolean()).isFalse();
        assertThat(report.get("totals").get("MATCH").asInt()).as("12 ETH, 2 XRP + 7 lines of agent-0, agent-2's 0 XRP")
                .isEqualTo(EVM_AGENTS + 1 + AGENT_0_LINES.size() + 2);
        assertThat(report.get("totals").get("UNREACHABLE").asInt()).isZero();
        assertThat(rows(report)).containsExactlyEntriesOf(Map.of(
                "agent-1 USD." + ISSUER, "MISMATCH -5000000 delta -10000000"));
        assertThat(rippled.pushedBack()).as("the rippled stand-in pushed back").isPositive();
        assertThat(rippled.pagesAfterTheFirst()).as("agent-0's second and third pages").isEqualTo(2);
        assertThat(provider.pushedBack()).as("the EVM provider pushed back").isPositive();
        // batches of 3 sent before the first refusal came back are refused too; later ones go at the learned cap
        assertThat(provider.refusedBatches()).as("a batch of 3 was refused and split").isBetween(1, EVM_AGENTS / 3);
    }

    @Test
    void aRequestThatFinallyFailsMakesOnlyItsOwnRowsUnreachableAndTheRunPartial() {
        // per request, not per account: agent-0's XRP comes from account_info, agent-1's line from account_lines
        rippled.neverAnswer(xrpAddresses.get(0), "account_lines");
        rippled.neverAnswer(xrpAddresses.get(1), "account_info");
        provider.failBalanceOf(evmAddresses.get(3));
        CliRunner.Result run = reconcile();
        assertThat(run.exitCode()).as("partial, and a difference found all the same").isEqualTo(6);
        JsonNode report = run.json();
        assertThat(report.get("partial").asBoolean()).isTrue();
        assertThat(report.get("totals").get("MATCH").asInt()).as("11 ETH, agent-0 and agent-2 XRP").isEqualTo(EVM_AGENTS - 1 + 2);
        Map<String, String> expected = new HashMap<>();
        expected.put("agent-1 USD." + ISSUER, "MISMATCH -5000000 delta -10000000");
        expected.put("agent-1 XRP", "UNREACHABLE");
        expected.put("agent-3 ETH", "UNREACHABLE");
        AGENT_0_LINES.forEach(line -> expected.put("agent-0 " + line.currency() + "." + ISSUER, "UNREACHABLE"));
        assertThat(rows(report)).containsExactlyInAnyOrderEntriesOf(expected);
        report.get("rows").forEach(row -> {
            if (row.get("agentId").asText().equals("agent-3")) {
                assertThat(row.get("reason").asText()).contains("header not found");
            } else if (row.get("status").asText().equals("UNREACHABLE")) {
                assertThat(row.get("reason").asText()).containsAnyOf("slowDown", "HTTP 503")
                        .contains(row.get("token").asText().equals("XRP") ? "account_info" : "account_lines");
            }
        });

        // in text, without an EVM node: no block to show, and the 75-character token keeps the amounts in line
        CliRunner.Result text = cli(Map.of("XRPL_RPC_URL", rippled.endpoint().toString())).run("reconcile");
        assertThat(text.exitCode()).isEqualTo(6);
        assertThat(text.stderr().lines()).containsExactly(
                "wallet-backup reconcile: evm: not compared, no EVM node is configured (EVM_RPC_URL)",
                "wallet-backup reconcile: error: the run is partial: 8 balances could not be compared (UNREACHABLE, each "
                        + "row says why); run it again later, or with a lower wallet.rpc.requests-per-second",
                "wallet-backup reconcile: 1 balances differ from the chains (MISMATCH, MISSING_ON_CHAIN): each row says how");
        List<String> lines = text.stdout().lines().toList();
        assertThat(lines.get(0)).isEqualTo("EVM block -, XRP ledger " + RippledStandIn.LEDGER);
        String header = lines.stream().filter(line -> line.startsWith("AGENT")).findFirst().orElseThrow();
        String hexRow = lines.stream().filter(line -> line.contains(HEX_CURRENCY)).findFirst().orElseThrow();
        assertThat(hexRow.indexOf("1000000000 ") + "1000000000".length())
                .as("the expected amount ends under EXPECTED").isEqualTo(header.indexOf("EXPECTED") + "EXPECTED".length());
    }

    @Test
    void anEndpointOrAReconciliationSettingThatCannotBeUsedIsAUsageError() throws IOException {
        CliRunner.Result notHttp = cli(Map.of("XRPL_RPC_URL", "localhost:5005")).run("reconcile");
        assertThat(notHttp.exitCode()).as(notHttp.stderr()).isEqualTo(2);
        assertThat(notHttp.stderr()).contains("wallet.xrpl.rpc-url: must be an http:// or https:// URL with a host")
                .as("a provider's URL may carry its key").doesNotContain("5005");

        Path zeroBatch = TestStores.fastConfigFile(Files.createDirectories(temp.resolve("zero-batch")),
                Map.of("wallet.reconcile.batch-size", "0"));
        CliRunner.Result badSetting = new CliRunner(Map.of("WALLET_DATA_DIR", temp.resolve("data").toString()))
                .withConfig(zeroBatch).run("reconcile");
        assertThat(badSetting.exitCode()).as(badSetting.stderr()).isEqualTo(2);
        assertThat(badSetting.stderr()).contains("wallet.reconcile.batch-size: must be between 1 and 1000, got 0");
    }
}
