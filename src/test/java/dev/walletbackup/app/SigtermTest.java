package dev.walletbackup.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.GeneratedBalances;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGTERM to a one-shot {@code backup full} or {@code restore} in a JVM of its own, in the middle of its work (a
 * progress line with rows done but not all): Camel's shutdown strategy waits for it up to
 * {@code camel.main.shutdown-timeout}. A backup finishes within it, or stops leaving nothing that looks complete; a
 * restore rolls back at once. Either way the command says so in one line, exits with its own code, and the next
 * backup or restore runs.
 */
class SigtermTest {
    static final String PASSWORD = RunningApplication.PASSWORD;
    /** A store whose full backup lasts a few seconds: long enough to be asked to stop in the middle. */
    static final int WALLETS = 40_000;
    /**
     * On PostgreSQL, balances that make the backup about ten times as long as the wallets alone (1,000,000 rows, made
     * by the server in a few seconds): the short timeout below lets the backup run a further 1.5 s, and the rest must
     * outlast that. A backup streams some 200,000 rows a second here: with 2 or 8 tokens a wallet it finished inside
     * those 1.5 s.
     */
    static final int POSTGRESQL_TOKENS_PER_WALLET = 25;
    /**
     * A backup whose restore lasts a few seconds (every address is re-derived as it is loaded): progress is printed
     * every 0.5 s, and 10,000 wallets were once loaded into PostgreSQL before the first line.
     */
    static final int RESTORED_WALLETS = 25_000;
    static final Duration LONG = Duration.ofSeconds(120);

    @TempDir
    static Path shared;
    static Path sourceBackups;

    @TempDir
    Path temp;

    /** One backup of {@value #RESTORED_WALLETS} wallets that every restore of the class starts from. */
    @BeforeAll
    static void backupToRestore() throws IOException {
        Path config = TestStores.fastConfigFile(shared, Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
        CliRunner source = new CliRunner(Map.of("WALLET_DATA_DIR", shared.resolve("source").toString(),
                "WALLET_BACKUP_PASSWORD", PASSWORD)).withConfig(config);
        assertThat(source.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        source.ok("wallets", "create", "--count", String.valueOf(RESTORED_WALLETS));
        source.ok("backup", "full");
        sourceBackups = shared.resolve("source").resolve("backups");
    }

    /**
     * With the shipped timeout (30 s) a backup on PostgreSQL finishes and is published; with one it outlasts (3 s, of
     * which it takes 1.5 s before it stops itself, leaving 1.5 s to remove what it staged before Camel forces the
     * routes down: with 1 s, half a second was not enough on a loaded machine, and the staged file stayed) it stops,
     * and nothing of it is published, whether it was streaming its rows or reading them a second time (after a change
     * made outside wallet-backup). On H2 the embedded store's own shutdown hook closes the store under the backup (with
     * AUTO_SERVER, H2 cannot be told not to): it stops at once, whatever the timeout.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBackupAskedToStopFinishesWithinTheShutdownTimeoutOrPublishesNothing(Kind kind) throws Exception {
        Store store = largeStore(kind);
        if (kind == Kind.POSTGRESQL) {
            try (WalletStore database = WalletStore.open(WalletConfig.load(store.config, store.environment, Map.of()),
                    false)) {
                database.write(connection -> {
                    GeneratedBalances.insert(connection, "TRUE", POSTGRESQL_TOKENS_PER_WALLET);
                    return null;
                });
            }
        }
        Result result = terminatedMidway(store, store.config, CliProcess.BOTH_COMPILERS, "backup", "full");

        if (kind == Kind.POSTGRESQL) {
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(backups(store)).hasSize(1);
            List<String> finished = published(store);
            assertThat(finished).hasSize(2);

            Path shortTimeout = TestStores.fastConfigFile(Files.createDirectories(temp.resolve("short")), Map.of(
                    WalletConfig.SCHEDULE_ENABLED, "false", "camel.main.shutdown-timeout", "3"));
            assertInterruptedBackup(store, terminatedMidway(store, shortTimeout, List.of(), "backup", "full"), finished);

            changeBalancesBehindItsBack(store);
            assertInterruptedBackup(store, terminatedAt(store, shortTimeout, List.of(),
                    line -> line.contains("hashing the snapshot's rows again"), "backup", "full", "--verbose"),
                    finished);
        } else {
            assertInterruptedBackup(store, result, List.of());
        }
        store.cli.ok("backup", "full");
        store.cli.ok("backup", "verify", "--all");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRestoreAskedToStopRollsBackAndTheNextRestoreRuns(Kind kind) throws Exception {
        Map<String, String> environment = new HashMap<>(TestStores.environment(kind, temp.resolve("target")));
        environment.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        Path config = TestStores.fastConfigFile(temp, Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
        CliRunner resident = new CliRunner(environment).withConfig(config);
        resident.ok("seed", "init", "--words", "12");
        resident.ok("wallets", "create", "--count", "3", "--prefix", "resident-");
        String before = state(resident);

        Result result = terminatedMidway(new Store(resident, environment, config, temp.resolve("target")), config,
                List.of(), "restore", "--source", sourceBackups.toString(), "--force");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(errorLine(result)).isEqualTo("wallet-backup restore: error: restore interrupted by shutdown: "
                + "rolled back, the store is as it was before the restore; run it again");
        assertThat(state(resident)).isEqualTo(before);
        resident.ok("restore", "--source", sourceBackups.toString(), "--force");
        assertThat(resident.ok("wallets", "list", "--json").json()).hasSize(RESTORED_WALLETS);
    }

    private Store largeStore(Kind kind) throws IOException {
        Map<String, String> environment = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
        environment.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        Path config = TestStores.fastConfigFile(temp, Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
        CliRunner cli = new CliRunner(environment).withConfig(config);
        assertThat(cli.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        cli.ok("wallets", "create", "--count", String.valueOf(WALLETS));
        return new Store(cli, environment, config, temp.resolve("data"));
    }

    /**
     * Runs the command in a JVM of its own with these JVM options, sends it SIGTERM once it has written rows but not
     * all, and waits. The backup that must finish runs with both compilers, as the launcher runs it: with C1 alone,
     * the second read of a full whose row sum differs from the store's (the generated balances) outlasted the shipped
     * timeout of 30 s. The one that must stop runs with C1 alone: with both, it streamed 500,000 rows a second once
     * compiled and was nearly done when its 1.5 s were over.
     */
    private static Result terminatedMidway(Store store, Path config, List<String> jvmOptions, String... command)
            throws Exception {
        return terminatedAt(store, config, jvmOptions, line -> line.contains(": ") && line.contains(" of ")
                && line.contains(" rows ("), command);
    }

    /** Runs the command in a JVM of its own, sends it SIGTERM once it has printed a line that matches, and waits. */
    private static Result terminatedAt(Store store, Path config, List<String> jvmOptions, Predicate<String> moment,
                                       String... command) throws Exception {
        Map<String, String> environment = new HashMap<>(store.environment);
        environment.put("WALLET_PROGRESS", "on");
        String[] args = Stream.concat(Stream.of(command), Stream.of("--config", config.toString()))
                .toArray(String[]::new);
        // the logging of the installation (logback.xml), not the tests' own: what it prints is asserted
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath());
        try (CliProcess process = CliProcess.start(options, environment, args)) {
            assertThat(process.awaitStderrLine(moment, LONG)).as("the moment to stop it came; its output:%n%s",
                    process.stderr()).isTrue();
            process.terminate();
            return process.await(LONG);
        }
    }

    /**
     * A change made outside wallet-backup (its state digest is not kept in step): the next full's row sum differs from
     * the store's, and it reads its snapshot a second time to hash it — 1,080,000 rows, long enough to be stopped in.
     */
    private static void changeBalancesBehindItsBack(Store store) throws SQLException {
        try (WalletStore database = WalletStore.open(WalletConfig.load(store.config, store.environment, Map.of()),
                false)) {
            database.write(connection -> {
                try (Statement update = connection.createStatement()) {
                    return update.executeUpdate("UPDATE wallet.balance_snapshots SET balance = balance + 1 "
                            + "WHERE token LIKE '%01'");
                }
            });
        }
    }

    /** The command said so in one line, and the catalog and the backup directory hold only what they held before. */
    private static void assertInterruptedBackup(Store store, Result result, List<String> before) throws IOException {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(errorLine(result)).as("%s", result.stderr())
                .startsWith("wallet-backup backup full: error: backup full interrupted by shutdown")
                .endsWith("nothing half-written is published, its staged file is removed; run it again");
        // once, as one line: Camel's warning about the split it released after the failure repeated it with a trace
        assertThat(result.stderr()).as("no stack trace").doesNotContain("\tat ");
        assertThat(backups(store)).hasSize(before.size() / 2);
        assertThat(published(store)).as("no new backup file, manifest or staged temporary; its output:%n%s",
                        result.stderr())
                .containsExactlyInAnyOrderElementsOf(before);
    }

    private static List<JsonNode> backups(Store store) {
        List<JsonNode> listed = new ArrayList<>();
        store.cli.ok("backup", "list", "--json").json().forEach(listed::add);
        return listed;
    }

    /** Every file in the backup directory but its lock file. */
    private static List<String> published(Store store) throws IOException {
        Path directory = store.dataDir.resolve("backups");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.equals(".wallet-backup.lock"))
                    .toList();
        }
    }

    /** The command's one error line (the child logs at INFO with the test logging, Camel's last lines included). */
    private static String errorLine(Result result) {
        List<String> errors = result.stderr().lines().filter(line -> line.startsWith("wallet-backup ")
                && line.contains(": error: ")).toList();
        assertThat(errors).as("%s", result.stderr()).hasSize(1);
        return errors.get(0);
    }

    static String state(CliRunner cli) {
        return cli.ok("seed", "fingerprint", "--json").stdout() + cli.ok("wallets", "list", "--json").stdout()
                + cli.ok("balances", "list", "--json").stdout();
    }

    private record Store(CliRunner cli, Map<String, String> environment, Path config, Path dataDir) {
    }
}
