package dev.walletbackup.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XRP Ledger reconciliation against a loopback server answering with recorded responses in rippled's documented
 * JSON-RPC format (no rippled can be installed here): drops, issued currencies, actNotFound, a ledger that is not
 * validated, and a server that does not answer in time.
 */
class XrplReconcileTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ISSUER = "rvYAfWj5gh67oV6fW32ZzP3Aw4Eubs59B";

    @TempDir
    Path temp;
    HttpServer rippled;
    boolean validated = true;
    final CountDownLatch hang = new CountDownLatch(1);
    boolean hangOnAccounts;
    String[] addresses;

    @BeforeEach
    void startRippled() throws IOException {
        try (MasterSeed seed = Mnemonic.parse(RunningApplication.HARDHAT).toSeed("")) {
            AccountKeys keys = HdKeys.agentAccountKeys(seed);
            addresses = new String[] {keys.addressesAt(0).xrpAddress(), keys.addressesAt(1).xrpAddress(),
                keys.addressesAt(2).xrpAddress()};
        }
        rippled = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rippled.createContext("/", exchange -> {
            JsonNode request = MAPPER.readTree(exchange.getRequestBody());
            String method = request.get("method").asText();
            String account = request.path("params").path(0).path("account").asText();
            if (hangOnAccounts && !method.equals("ledger")) {
                try {
                    hang.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = answer(method, account).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        rippled.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        rippled.start();
    }

    @AfterEach
    void stopRippled() {
        hang.countDown();
        rippled.stop(0);
    }

    String answer(String method, String account) {
        if (method.equals("ledger")) {
            return "{\"result\":{\"ledger_hash\":\"4BC50C9B0D8515D3EAAE1E74B29A95804346C491EE1A95BF25E4AAB854A6A652\","
                    + "\"ledger_index\":90000000,\"status\":\"success\",\"validated\":" + validated + "}}";
        }
        boolean known = account.equals(addresses[0]) || account.equals(addresses[2]);
        if (!known) {
            return "{\"result\":{\"account\":\"" + account + "\",\"error\":\"actNotFound\",\"error_code\":19,"
                    + "\"error_message\":\"Account not found.\",\"ledger_index\":90000000,\"status\":\"error\","
                    + "\"validated\":true}}";
        }
        if (method.equals("account_info")) {
            return "{\"result\":{\"account_data\":{\"Account\":\"" + account + "\",\"Balance\":\"25000000\","
                    + "\"Flags\":0,\"LedgerEntryType\":\"AccountRoot\",\"OwnerCount\":1,\"Sequence\":4},"
                    + "\"ledger_index\":90000000,\"status\":\"success\",\"validated\":true}}";
        }
        return "{\"result\":{\"account\":\"" + account + "\",\"ledger_index\":90000000,\"lines\":[{\"account\":\""
                + ISSUER + "\",\"balance\":\"12.5\",\"currency\":\"USD\",\"limit\":\"100\",\"limit_peer\":\"0\","
                + "\"quality_in\":0,\"quality_out\":0},{\"account\":\"" + ISSUER + "\",\"balance\":\"29.2512\","
                + "\"currency\":\"SOL\",\"limit\":\"100\",\"limit_peer\":\"0\"},{\"account\":\"" + ISSUER + "\","
                + "\"balance\":\"-0.5\",\"currency\":\"BTC\",\"limit\":\"0\",\"limit_peer\":\"10\"}],\"status\":\"success\",\"validated\":true}}";
    }

    CliRunner seededStore() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("WALLET_DATA_DIR", temp.resolve("data").toString());
        env.put("WALLET_BACKUP_PASSWORD", "Xrpl-Reconcile-Pass-1!");
        env.put("XRPL_RPC_URL", "http://127.0.0.1:" + rippled.getAddress().getPort());
        CliRunner cli = new CliRunner(env);
        Path config = TestStores.fastConfigFile(temp, Map.of("wallet.reconcile.timeout-seconds", "1"));
        run(cli, config, RunningApplication.HARDHAT, "seed", "import");
        run(cli, config, "", "wallets", "create", "--count", "3");
        run(cli, config, "", "balances", "record", "--agent", "agent-0", "--chain", "xrp", "--token", "XRP", "--amount", "25000000");
        run(cli, config, "", "balances", "record", "--agent", "agent-1", "--chain", "xrp", "--token", "XRP", "--amount", "10");
        run(cli, config, "", "balances", "record", "--agent", "agent-2", "--chain", "xrp", "--token", "USD." + ISSUER,
                "--amount", "12500000", "--decimals", "6");
        run(cli, config, "", "balances", "record", "--agent", "agent-0", "--chain", "xrp", "--token", "EUR." + ISSUER,
                "--amount", "1", "--decimals", "6");
        this.config = config;
        return cli;
    }

    Path config;

    static Result run(CliRunner cli, Path config, String stdin, String... args) {
        String[] withConfig = Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        Result result = cli.runWithInput(stdin, withConfig);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    /** A reconciliation that could not compare everything: exit code 1, and the report says it is partial. */
    JsonNode partial(CliRunner cli) {
        Result result = cli.run("reconcile", "--json", "--config", config.toString());
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.json().get("partial").asBoolean()).isTrue();
        return result.json();
    }

    Map<String, String> statuses(JsonNode report) {
        Map<String, String> statuses = new HashMap<>();
        report.get("rows").forEach(row -> statuses.put(row.get("agentId").asText() + " " + row.get("token").asText()
                .replace("." + ISSUER, ""), row.get("status").asText()
                + (row.has("actualBalance") ? " " + row.get("actualBalance").asText() : "")));
        return statuses;
    }

    @Test
    void dropsLinesAndUnknownAccountsAreComparedAtTheValidatedLedgerToTheLastDigit() throws IOException {
        CliRunner cli = seededStore();
        run(cli, config, "", "balances", "record", "--agent", "agent-2", "--chain", "xrp", "--token", "SOL." + ISSUER,
                "--amount", "2925", "--decimals", "2");
        run(cli, config, "", "balances", "record", "--agent", "agent-2", "--chain", "xrp", "--token", "BTC." + ISSUER,
                "--amount", "0", "--decimals", "0");
        Result result = cli.run("reconcile", "--json", "--config", config.toString());
        assertThat(result.exitCode()).as("a MISMATCH and a MISSING_ON_CHAIN row: balances differ").isEqualTo(6);
        JsonNode report = result.json();
        assertThat(report.get("xrplLedger").asLong()).isEqualTo(90_000_000L);
        assertThat(report.get("totals").get("MATCH").asInt()).as("agent-0 XRP and agent-2 USD").isEqualTo(2);
        assertThat(statuses(report)).as("a digit beyond the recorded decimals, and a line owed, are differences")
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "agent-1 XRP", "MISMATCH 0",
                        "agent-2 SOL", "MISMATCH 2925.12",
                        "agent-2 BTC", "MISMATCH -0.5",
                        "agent-0 EUR", "MISSING_ON_CHAIN"));
        assertThat(report.get("notConfigured")).as("no EVM snapshot needed the EVM node").isEmpty();
    }

    @Test
    void aLedgerThatIsNotValidatedIsNotUsed() throws IOException {
        CliRunner cli = seededStore();
        validated = false;
        JsonNode report = partial(cli);
        assertThat(report.get("totals").get("UNREACHABLE").asInt()).isEqualTo(4);
        assertThat(report.get("rows").get(0).get("reason").asText()).contains("not validated");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeMakesRowsUnreachable() throws IOException {
        CliRunner cli = seededStore();
        hangOnAccounts = true;
        JsonNode report = partial(cli);
        assertThat(report.get("totals").get("UNREACHABLE").asInt()).isEqualTo(4);
        assertThat(report.get("rows").get(0).get("reason").asText()).contains("no answer in time");
    }
}
