package dev.walletbackup.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.Disaster;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reconciliation reports hold totals and a bounded number of rows, whatever the number of balance snapshots. */
class ReconciliationReportSizeTest {
    static final String PASSWORD = "Report-Size-Test-Pass-1!";
    static final int WALLETS = 10_000;

    @TempDir
    Path temp;

    CliRunner cli(Map<String, String> store, Map<String, String> settings) throws IOException {
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env).withConfig(TestStores.fastConfigFile(Files.createTempDirectory(temp, "config"),
                settings));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRestoreWithNoChainEndpointWritesAReportOfAFewKilobytesThatNamesEachChainOnce(Kind kind) throws IOException {
        Map<String, String> oldStore = Map.of("WALLET_DATA_DIR", temp.resolve("old").toString());
        CliRunner old = cli(oldStore, Map.of());
        assertThat(old.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        old.ok("wallets", "create", "--count", String.valueOf(WALLETS));
        WalletConfig oldConfig = WalletConfig.load(TestStores.SHIPPED_CONFIG, oldStore, TestStores.FAST);
        try (WalletServices services = WalletServices.open(oldConfig, Clock.systemUTC())) {
            services.store().write(connection -> {
                for (String chainAndToken : new String[] {"'evm', 'ETH', 18", "'xrp', 'XRP', 6"}) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wallet.balance_snapshots "
                            + "(agent_id, chain, token, decimals, balance, block_number, last_updated, change_seq) "
                            + "SELECT agent_id, " + chainAndToken + ", derivation_index + 1, NULL, CURRENT_TIMESTAMP, "
                            + "nextval('wallet.change_seq') FROM wallet.agent_wallets")) {
                        insert.executeUpdate();
                    }
                }
                return null;
            });
        }
        old.ok("backup", "full");
        Path copy = Disaster.keepBackupsAndDestroy(temp.resolve("old"), temp.resolve("copy"));

        JsonNode restore = cli(TestStores.environment(kind, temp.resolve("new")), Map.of())
                .ok("restore", "--source", copy.toString(), "--json").json();

        assertThat(restore.get("restored").get("balances").asLong()).isEqualTo(2L * WALLETS);
        assertThat(restore.get("reconciliation").get("NOT_CONFIGURED").asLong()).isEqualTo(2L * WALLETS);
        Path file = Path.of(restore.get("reconciliationReport").asText());
        assertThat(Files.size(file)).as("report of %d balances", 2 * WALLETS).isLessThan(4096);
        JsonNode report = new ObjectMapper().readTree(file.toFile());
        assertThat(report.get("notConfigured").get("evm").asText()).contains("EVM_RPC_URL");
        assertThat(report.get("notConfigured").get("xrp").asText()).contains("XRPL_RPC_URL");
        assertThat(report.get("rows")).isEmpty();
        assertThat(report.get("rowsLeftOut").asLong()).isZero();
    }

    @Test
    void rowsBeyondTheLimitAreLeftOutAndTheReportSaysHowMany() throws IOException {
        CliRunner cli = cli(Map.of("WALLET_DATA_DIR", temp.resolve("data").toString(),
                "EVM_RPC_URL", "http://127.0.0.1:1"), Map.of(WalletConfig.RECONCILE_REPORT_ROWS, "3"));
        assertThat(cli.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        cli.ok("wallets", "create", "--count", "5");
        for (int i = 0; i < 5; i++) {
            cli.ok("balances", "record", "--agent", "agent-" + i, "--chain", "evm", "--token", "ETH", "--amount", "1");
        }

        CliRunner.Result partial = cli.run("reconcile", "--json");
        assertThat(partial.exitCode()).as("every row UNREACHABLE: the run is partial").isEqualTo(1);
        JsonNode report = partial.json();
        assertThat(report.get("totals").get("UNREACHABLE").asInt()).isEqualTo(5);
        assertThat(report.get("rows")).hasSize(3);
        assertThat(report.get("rowsLeftOut").asInt()).isEqualTo(2);

        assertThat(cli.run("reconcile").stdout()).contains(
                "2 more rows that are not MATCH are left out: a report keeps at most 3 (wallet.reconcile.report-rows)");
        CliRunner noRows = cli(Map.of("WALLET_DATA_DIR", temp.resolve("data").toString(),
                "EVM_RPC_URL", "http://127.0.0.1:1"), Map.of(WalletConfig.RECONCILE_REPORT_ROWS, "0"));
        assertThat(noRows.run("reconcile").stdout()).as("a report that keeps no row still says what it left out")
                .contains("5 more rows that are not MATCH are left out: a report keeps at most 0");
    }
}
