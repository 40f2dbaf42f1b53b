package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.bench.BenchReport;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bench} end to end at a tiny size, on both stores: it builds the data set, runs every phase in a JVM of its
 * own through the real routes, reports every figure of every phase, and removes all it made. It never builds over a
 * wallet store that is already there. Structure, not speed: no figure is compared with a goal.
 */
class BenchTest {
    static final int WALLETS = 200;
    static final List<String> PHASES = List.of("create", "full", "incremental", "restore");

    @TempDir
    Path temp;

    Map<String, String> environment;
    Path config;
    CliRunner cli;

    void store(Kind kind) throws Exception {
        environment = new HashMap<>(TestStores.environment(kind, temp.resolve("unused")));
        environment.put("WALLET_BACKUP_PASSWORD", RunningApplication.PASSWORD);
        config = TestStores.fastConfigFile(temp, Map.of());
        cli = new CliRunner(environment).withConfig(config);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theBenchTimesEveryPhaseOfATinyDataSetReportsEveryFigureAndRemovesWhatItMade(Kind kind) throws Exception {
        store(kind);
        Path work = temp.resolve("bench");
        Result run;
        // in a JVM of its own, as the launcher runs it: every phase's JVM gets that JVM's options
        try (CliProcess bench = CliProcess.start(environment, "bench", "--wallets", String.valueOf(WALLETS),
                "--data-dir", work.toString(), "--json", "--config", config.toString())) {
            run = bench.await(Duration.ofMinutes(4));
        }
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode report = run.json();

        assertThat(report.get("wallets").asInt()).isEqualTo(WALLETS);
        assertThat(report.get("store").asText()).isEqualTo(kind.name().toLowerCase());
        assertThat(report.get("kept").asBoolean()).isFalse();
        assertThat(report.get("processors").asInt()).isPositive();
        assertThat(report.get("jvmOptions")).anySatisfy(option -> assertThat(option.asText())
                .isEqualTo("-XX:TieredStopAtLevel=1"));
        assertThat(report.get("loadAverage")).hasSize(2).allSatisfy(load -> assertThat(load.isNumber()).isTrue());
        assertThat(report.get("phases").fieldNames()).toIterable().containsExactlyElementsOf(PHASES);
        for (String name : PHASES) {
            JsonNode phase = report.get("phases").get(name);
            assertThat(phase.get("wallMs").asLong()).as(name).isNotNegative();
            assertThat(phase.get("processMs").asLong()).as(name).isGreaterThanOrEqualTo(phase.get("wallMs").asLong());
            assertThat(phase.get("peakLiveHeapMiB").asLong()).as(name).isPositive();
            assertThat(phase.get("peakRssMiB").asLong()).as(name).isGreaterThan(phase.get("peakLiveHeapMiB").asLong());
            assertThat(phase.get("maxHeapMiB").asLong()).as(name).isPositive();
            if (name.equals("create")) {
                assertThat(phase.get("routeMs").isNull()).isTrue();
            } else {
                assertThat(phase.get("routeMs").asLong()).as(name).isBetween(0L, phase.get("wallMs").asLong());
            }
        }
        JsonNode create = report.get("phases").get("create").get("details");
        assertThat(create.get("wallets").asInt()).isEqualTo(WALLETS);
        assertThat(create.get("walletsPerSecond").asLong()).isPositive();
        assertThat(create.get("balances").asInt()).isEqualTo(2 * WALLETS);
        assertThat(create.get("balancesMs").isNumber()).isTrue();
        assertThat(create.get("settleMs").isNumber()).isTrue();
        List<String> settled = new ArrayList<>();
        create.get("settledTables").forEach(table -> settled.add(table.asText()));
        if (kind == Kind.POSTGRESQL) {
            assertThat(settled).contains("agent_wallets", "wallet_lifecycle", "balance_snapshots");
        } else {
            assertThat(settled).isEmpty();
        }
        JsonNode full = report.get("phases").get("full").get("details");
        assertThat(full.get("type").asText()).isEqualTo("full");
        assertThat(full.get("bytes").asLong()).isPositive();
        assertThat(counts(full)).containsExactly(WALLETS, WALLETS, 2 * WALLETS, 0);
        JsonNode incremental = report.get("phases").get("incremental").get("details");
        assertThat(incremental.get("changedBalances").asInt()).isEqualTo(WALLETS / 100);
        assertThat(incremental.get("type").asText()).isEqualTo("incremental");
        assertThat(counts(incremental)).containsExactly(0, 0, WALLETS / 100, 0);
        JsonNode restore = report.get("phases").get("restore").get("details");
        assertThat(restore.get("walletsRederived").asInt()).isEqualTo(WALLETS);
        assertThat(restore.get("digestMatch").asBoolean()).isTrue();
        assertThat(restore.get("restored").get("balances").asInt()).isEqualTo(2 * WALLETS);
        assertThat(restore.get("reconciliationReportBytes").isNumber()).isTrue();

        StringWriter table = new StringWriter();
        BenchTable.print(new PrintWriter(table), WalletJson.mapper().treeToValue(report, BenchReport.class));
        assertThat(table.toString().lines()).hasSize(7);
        assertThat(table.toString()).contains("bench: 200 wallets on " + kind.name().toLowerCase(), "load average ",
                "phase", "process s", "work s", "route s", "live heap MiB", "peak RSS MiB",
                "wallets/s; 400 balance snapshots in ",
                kind == Kind.POSTGRESQL ? " tables vacuumed in " : "full, ",
                "full, ", "200 wallets, 200 lifecycle records, 400 balances, 0 tombstones",
                "2 balances changed; incremental, ", "0 wallets, 0 lifecycle records, 2 balances, 0 tombstones",
                "200 addresses re-derived, digest matches; reconciliation report ",
                "Everything the bench made is removed");
        for (String name : PHASES) {
            assertThat(table.toString().lines().filter(line -> line.startsWith(name + " ")))
                    .as(name).singleElement().asString().matches(name + " +\\d+\\.\\d\\d +\\d+\\.\\d\\d +(-|\\d+\\.\\d\\d) +\\d+ +\\d+  .+");
        }

        assertThat(work).isEmptyDirectory();
        if (kind == Kind.POSTGRESQL) {
            assertThat(postgres("SELECT 1 FROM pg_database WHERE datname = ?", "postgres_bench_restore")).isFalse();
            assertThat(postgres("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", "wallet")).isFalse();
        }
    }

    /**
     * The bench builds its own data set: a PostgreSQL database that already holds a wallet store, or a work directory
     * that already holds a bench's stores, is refused before anything is made, and left as it was.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void theBenchRefusesToBuildOverAStoreThatIsAlreadyThere(Kind kind) throws Exception {
        store(kind);
        Path work = temp.resolve("bench");
        Path existing = kind == Kind.H2 ? work.resolve("source") : temp.resolve("unused");
        assertThat(cli.runWithInput(RunningApplication.HARDHAT, "seed", "import", "--data-dir", existing.toString())
                .exitCode()).isZero();
        cli.ok("wallets", "create", "--count", "3", "--data-dir", existing.toString());

        Result refused = cli.run("bench", "--wallets", "10", "--data-dir", work.toString());

        assertThat(refused.exitCode()).as(refused.stderr()).isOne();
        assertThat(refused.stderr().strip()).startsWith("wallet-backup bench: error: ").contains(kind == Kind.H2
                ? work.resolve("source") + " exists" : "already holds a wallet store (schema wallet)");
        assertThat(cli.ok("wallets", "list", "--json", "--data-dir", existing.toString()).json()).hasSize(3);
        if (kind == Kind.POSTGRESQL) {
            assertThat(postgres("SELECT 1 FROM pg_database WHERE datname = ?", "postgres_bench_restore")).isFalse();
        }
    }

    static List<Integer> counts(JsonNode details) {
        JsonNode counts = details.get("counts");
        return List.of(counts.get("wallets").asInt(), counts.get("lifecycleRecords").asInt(),
                counts.get("balances").asInt(), counts.get("tombstones").asInt());
    }

    boolean postgres(String query, String value) throws Exception {
        try (Connection connection = DriverManager.getConnection(environment.get("WALLET_DB_URL"),
                environment.get("WALLET_DB_USER"), environment.get("WALLET_DB_PASSWORD"));
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
