package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A one-shot command prints its result and nothing else: no Camel start-up or shutdown lines, no INFO lines of the
 * application. {@code --verbose} shows both, and so does the service ({@code run}) always; {@code WALLET_LOG_LEVEL}
 * keeps the level it sets for the application's own loggers. Each command runs in a JVM of its own with the logging
 * configuration the launcher uses (src/main/resources/logback.xml), where Camel and the application log at INFO.
 */
class QuietByDefaultTest {
    static final String PASSWORD = "Quiet-Test-Password-6*";
    static final Duration COMMAND = Duration.ofMinutes(2);
    static final List<String> LAUNCHER_LOGGING = List.of("-Dlogback.configurationFile="
            + Path.of(System.getProperty("wallet.home", "."), "src", "main", "resources", "logback.xml").toAbsolutePath());

    @TempDir
    Path temp;

    Map<String, String> environment;
    Path config;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void commandsPrintOnlyTheirResultUnlessVerbose(Kind kind) throws Exception {
        environment = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
        environment.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        config = TestStores.fastConfigFile(temp, Map.of());
        CliRunner cli = new CliRunner(environment).withConfig(config);
        assertThat(cli.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        cli.ok("wallets", "create", "--count", "3");

        Result list = command(Map.of(), "wallets", "list");
        assertThat(list.stdout().lines()).hasSize(4).first().asString().startsWith("INDEX ");
        assertThat(list.stdout().lines().skip(1)).allMatch(line -> line.matches("\\d+ +agent-\\d .*"));
        assertThat(list.stderr()).isEmpty();

        Result backup = command(Map.of(), "backup", "full");
        assertThat(backup.stdout()).startsWith("Backup ");
        assertThat(backup.stderr()).doesNotContain("INFO").doesNotContain("Apache Camel");

        Result verbose = command(Map.of(), "--verbose", "backup", "incremental");
        assertThat(verbose.stdout()).startsWith("Backup ");

        assertThat(verbose.stderr()).contains(" INFO ").contains("Apache Camel ").contains("(wallet-backup) started")
                .containsPattern("INFO .*BackupRecorder - Backup \\w+ \\(incremental\\) done");

        // one JVM for two behaviours (each starts Camel): WALLET_LOG_LEVEL, and a warning that comes once although a
        // backup reads its password more than once (the seed check, the file's key)
        Path readable = temp.resolve("password.txt");
        Files.writeString(readable, PASSWORD + "\n");
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
        Result ownLevel = command(Map.of("WALLET_LOG_LEVEL", "INFO"), "backup", "incremental", "--password-file",
                readable.toString());
        assertThat(ownLevel.stderr().lines().filter(line -> line.contains("The password file " + readable
                + " can be read by other users; chmod 600 it"))).hasSize(1);
        assertThat(ownLevel.stderr()).as("WALLET_LOG_LEVEL keeps the application's INFO lines, not Camel's")
                .containsPattern("INFO .*BackupRecorder - Backup \\w+ \\(incremental\\) done")
                .doesNotContain("Apache Camel");

        try (CliProcess service = CliProcess.start(LAUNCHER_LOGGING, environment, "run", "--config", config.toString())) {
            assertThat(service.awaitStderrLine(line -> line.contains(" INFO ")
                    && line.contains("Apache Camel ") && line.contains("(wallet-backup) started"), COMMAND))
                    .as(service.stderr()).isTrue();
        }
    }

    @Test
    void aCommandRunInsideAnotherProgramLeavesItsLogLevelsAsItFoundThem() {
        Logger camel = (Logger) LoggerFactory.getLogger("org.apache.camel");
        Logger application = (Logger) LoggerFactory.getLogger("dev.walletbackup");
        Level camelBefore = camel.getLevel();
        Level applicationBefore = application.getLevel();
        assertThat(application.getEffectiveLevel().isGreaterOrEqual(Level.WARN)).as("the test logging shows more").isFalse();

        Result missing = new CliRunner(Map.of("WALLET_DATA_DIR", temp.resolve("none").toString())).run("wallets", "list");
        assertThat(missing.exitCode()).isEqualTo(5);

        assertThat(camel.getLevel()).isEqualTo(camelBefore);
        assertThat(application.getLevel()).isEqualTo(applicationBefore);
    }

    Result command(Map<String, String> extraEnvironment, String... args) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extraEnvironment);
        String[] withConfig = Stream.concat(Stream.of(args), Stream.of("--config", config.toString()))
                .toArray(String[]::new);
        try (CliProcess process = CliProcess.start(LAUNCHER_LOGGING, env, withConfig)) {
            Result result = process.await(COMMAND);
            assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
            return result;
        }
    }
}
