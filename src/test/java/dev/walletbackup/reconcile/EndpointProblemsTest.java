package dev.walletbackup.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator is told when the endpoints are missing, dead or wrong: nothing configured is a usage error, a
 * chain left out is named on stderr, a wrong endpoint says "check the endpoint" rather than "try later", and a
 * balance sync that could not read a chain says so and fails. One store (an active wallet with two snapshots) serves
 * every case.
 */
class EndpointProblemsTest {
    @TempDir
    static Path temp;
    static HttpServer notJsonRpc;
    static Map<String, String> store;

    @BeforeAll
    static void storeWithSnapshots() throws IOException {
        notJsonRpc = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        notJsonRpc.createContext("/", exchange -> exchange.sendResponseHeaders(404, -1));
        notJsonRpc.start();
        store = Map.of("WALLET_DATA_DIR", temp.resolve("data").toString(),
                "WALLET_BACKUP_PASSWORD", "Endpoint-Problems-Pass-1!");
        CliRunner cli = cli(Map.of());
        assertThat(cli.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        cli.ok("wallets", "create", "--count", "1");
        cli.ok("wallets", "set-state", "--agent", "agent-0", "--state", "active");
        cli.ok("balances", "record", "--agent", "agent-0", "--chain", "xrp", "--token", "XRP", "--amount", "10");
        cli.ok("balances", "record", "--agent", "agent-0", "--chain", "evm", "--token", "ETH", "--amount", "1");
    }

    @AfterAll
    static void stopServer() {
        notJsonRpc.stop(0);
    }

    static CliRunner cli(Map<String, String> chains) throws IOException {
        Map<String, String> env = new HashMap<>(store);
        env.putAll(chains);
        return new CliRunner(env).withConfig(TestStores.fastConfigFile(Files.createDirectories(temp.resolve("config")),
                Map.of()));
    }

    @Test
    void reconcileWithoutAnyEndpointIsAUsageErrorNamingBoth() throws IOException {
        CliRunner.Result result = cli(Map.of()).run("reconcile");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().lines()).singleElement().asString()
                .contains("EVM_RPC_URL").contains("XRPL_RPC_URL");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void aWrongEndpointSaysWhatIsWrongAndTheChainLeftOutIsNamedOnStderr() throws IOException {
        String endpoint = "http://127.0.0.1:" + notJsonRpc.getAddress().getPort();
        CliRunner.Result result = cli(Map.of("XRPL_RPC_URL", endpoint + "/rpc")).run("reconcile");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stdout()).contains("UNREACHABLE (" + endpoint
                + ": ledger: HTTP 404 (check the endpoint: not a JSON-RPC endpoint?))");
        assertThat(result.stderr()).contains("reconcile: evm: not compared, no EVM node is configured (EVM_RPC_URL)")
                .contains("check the endpoint (EVM_RPC_URL, XRPL_RPC_URL): running it again will not help")
                .doesNotContain("run it again later");
        CliRunner.Result json = cli(Map.of("XRPL_RPC_URL", endpoint)).run("reconcile", "--json");
        assertThat(json.stderr()).contains("evm: not compared");
        assertThat(json.json().get("notConfigured").get("evm").asText()).contains("EVM_RPC_URL");
    }

    @Test
    void aBalanceSyncThatCannotReadAChainNamesItAndFails() throws IOException {
        CliRunner.Result result = cli(Map.of("EVM_RPC_URL", "http://127.0.0.1:1/v3/KEY")).run("balances", "sync");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stderr()).contains("balances sync: error: evm balances not read: http://127.0.0.1:1: cannot connect")
                .doesNotContain("KEY");
        assertThat(result.stdout()).contains("Stored 0 balance snapshots read from the chains; 1 balances not read");
    }
}
