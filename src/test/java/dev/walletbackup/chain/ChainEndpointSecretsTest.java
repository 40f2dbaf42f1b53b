package dev.walletbackup.chain;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.Disaster;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Providers put their API keys in the endpoint URL (user info, path, query). With such URLs and requests that fail,
 * a restore, {@code reconcile} (text and JSON), {@code wallets discover} and {@code balances sync} name the endpoints
 * as scheme://host:port only: no key reaches stdout, stderr, a report file or the log, not even in a logged cause.
 */
class ChainEndpointSecretsTest {
    static final List<String> SECRETS = List.of("PWSECRET", "PATHSECRET", "QSECRET", "KEYSECRET");
    static final String PASSWORD = "Endpoint-Secrets-Pass-1!";

    @TempDir
    Path temp;

    @Test
    void noKeyInAnEndpointUrlReachesAnyOutputWhenItsRequestsFail() throws Exception {
        HttpServer rippled = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rippled.createContext("/", exchange -> {
            // The ledger is pinned, then every account request fails: each row carries its own reason.
            boolean ledger = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .contains("\"ledger\"");
            byte[] body = (ledger ? "{\"result\":{\"ledger_index\":90000000,\"status\":\"success\",\"validated\":true}}"
                    : "upstream unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ledger ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        rippled.start();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        List<String> outputs = new ArrayList<>();
        try {
            CliRunner old = runner("old", Map.of());
            assertThat(old.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
            old.ok("wallets", "create", "--count", "2");
            old.ok("wallets", "set-state", "--agent", "agent-0", "--state", "active");
            old.ok("balances", "record", "--agent", "agent-0", "--chain", "xrp", "--token", "XRP", "--amount", "10");
            old.ok("balances", "record", "--agent", "agent-0", "--chain", "evm", "--token", "ETH", "--amount", "1");
            old.ok("backup", "full");
            Path copy = Disaster.keepBackupsAndDestroy(temp.resolve("old"), temp.resolve("backup-copy"));
            String xrplEndpoint = "http://127.0.0.1:" + rippled.getAddress().getPort();
            String evmEndpoint = "http://127.0.0.1:" + closedPort;
            CliRunner fresh = runner("new", Map.of(
                    "XRPL_RPC_URL", "http://usr:PWSECRET@127.0.0.1:" + rippled.getAddress().getPort()
                            + "/v2/PATHSECRET?api_key=QSECRET",
                    "EVM_RPC_URL", "http://usr:PWSECRET@127.0.0.1:" + closedPort + "/v1/KEYSECRET?api_key=QSECRET"));

            CliRunner.Result restore = fresh.ok("restore", "--source", copy.toString());
            CliRunner.Result reconcile = fresh.run("reconcile");
            CliRunner.Result reconcileJson = fresh.run("reconcile", "--json");
            CliRunner.Result discover = fresh.run("wallets", "discover");
            CliRunner.Result sync = fresh.run("balances", "sync");
            for (CliRunner.Result result : List.of(restore, reconcile, reconcileJson, discover, sync)) {
                outputs.add(result.stdout());
                outputs.add(result.stderr());
            }
            assertThat(reconcile.exitCode()).isEqualTo(1);
            assertThat(reconcile.stdout()).contains(xrplEndpoint + ": account_info: HTTP 503")
                    .contains(evmEndpoint + ": cannot connect");
            assertThat(discover.stderr()).contains(evmEndpoint);
            assertThat(sync.exitCode()).as(sync.stderr()).isEqualTo(1);
            assertThat(sync.stderr()).contains("evm balances not read: " + evmEndpoint + ": cannot connect")
                    .contains("xrp balances not read: " + xrplEndpoint + ": account_info: HTTP 503");
            try (Stream<Path> files = Files.walk(temp.resolve("new"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (file.getFileName().toString().endsWith(".json") || file.toString().contains("report")) {
                        outputs.add(Files.readString(file));
                    }
                }
            }
            assertThat(outputs).anySatisfy(output -> assertThat(output).contains("reconciliation-after-restore")
                    .as("the restore names the reconciliation report it wrote"));
        } finally {
            root.detachAppender(log);
            rippled.stop(0);
        }
        for (ILoggingEvent event : log.list) {
            outputs.add(event.getFormattedMessage());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                outputs.add(cause.getClassName() + ": " + cause.getMessage());
            }
        }
        assertThat(log.list).as("the restore's failed discovery, and the partial sync once (as on its schedule)")
                .anySatisfy(event -> assertThat(event.getFormattedMessage()).startsWith("Discovery after the restore failed"))
                .filteredOn(event -> event.getFormattedMessage().startsWith("Balance sync is partial")).hasSize(1);
        for (String output : outputs) {
            for (String secret : SECRETS) {
                assertThat(output).as("output of a run with failing requests").doesNotContain(secret);
            }
        }
    }

    CliRunner runner(String dataDir, Map<String, String> chains) throws IOException {
        Map<String, String> env = new HashMap<>(chains);
        env.put("WALLET_DATA_DIR", temp.resolve(dataDir).toString());
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env).withConfig(TestStores.fastConfigFile(Files.createDirectories(temp.resolve("config")),
                Map.of("wallet.rpc.attempts", "1")));
    }
}
