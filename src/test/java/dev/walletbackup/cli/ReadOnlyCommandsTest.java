package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A command that needs a store never creates one: on a mistyped data directory (or a database without the wallet
 * schema) it fails naming where it looked, and leaves nothing behind. Commands that create a store and then fail
 * before anything is in it — a restore refused before it applies, a seed import of a bad mnemonic — remove it.
 */
class ReadOnlyCommandsTest {
    static final String PASSWORD = RunningApplication.PASSWORD;

    @TempDir
    Path temp;

    Path config;

    Result run(Map<String, String> environment, String stdin, String... args) throws IOException {
        if (config == null) {
            config = TestStores.fastConfigFile(temp, Map.of());
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        Map<String, String> env = new HashMap<>(environment);
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env).runWithInput(stdin, all.toArray(String[]::new));
    }

    static final List<List<String>> NEED_A_STORE = List.of(
            List.of("wallets", "list"), List.of("wallets", "show", "--agent", "a"), List.of("backup", "list"),
            List.of("balances", "list"), List.of("seed", "fingerprint"), List.of("seed", "verify"),
            List.of("reconcile"), List.of("wallets", "create", "--agent", "a"), List.of("backup", "full"),
            List.of("backup", "incremental"), List.of("backup", "sync"));

    @ParameterizedTest
    @EnumSource(Kind.class)
    void commandsOnAMistypedDataDirectoryFailAndCreateNothing(Kind kind) throws Exception {
        Path mistyped = temp.resolve("mistyped");
        Map<String, String> environment = TestStores.environment(kind, mistyped);
        for (List<String> command : NEED_A_STORE) {
            Result result = run(environment, "", command.toArray(String[]::new));
            assertThat(result.exitCode()).as(command + ": " + result.stderr()).isEqualTo(5);
            assertThat(result.stderr()).as(command.toString()).contains("error: no wallet store ")
                    .contains(kind == Kind.H2 ? "at " + mistyped.toAbsolutePath() + " (there is no wallet.mv.db)"
                            : "(there is no schema \"wallet\")")
                    .contains("seed init");
            assertThat(mistyped).as(command + " created the data directory").doesNotExist();
        }
        if (kind == Kind.POSTGRESQL) {
            assertThat(walletSchemaExists(environment)).as("a read-only command migrated the database").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anExistingEmptyDataDirectoryStaysEmpty(Kind kind) throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Map<String, String> environment = TestStores.environment(kind, empty);
        assertThat(run(environment, "", "wallets", "list").exitCode()).isEqualTo(5);
        assertThat(run(environment, "not a mnemonic", "seed", "import").exitCode()).isNotZero();
        assertThat(listing(empty)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRestoreRefusedBeforeItAppliesOrADryRunLeavesTheTargetAsItFoundIt(Kind kind) throws Exception {
        Map<String, String> source = Map.of("WALLET_DATA_DIR", temp.resolve("source").toString());
        assertThat(run(source, RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        assertThat(run(source, "", "wallets", "create", "--count", "3").exitCode()).isZero();
        assertThat(run(source, "", "backup", "full").exitCode()).isZero();
        String backups = temp.resolve("source").resolve("backups").toString();
        Path missingTarget = temp.resolve("target");
        Path emptyTarget = Files.createDirectories(temp.resolve("empty-target"));

        Path wrong = temp.resolve("wrong-password");
        Files.writeString(wrong, "Not-The-Password-1!\n");
        Files.setPosixFilePermissions(wrong, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        for (Path target : List.of(missingTarget, emptyTarget)) {
            Map<String, String> environment = TestStores.environment(kind, target);
            Result wrongPassword = run(environment, "", "restore", "--source", backups, "--password-file", wrong.toString());
            assertThat(wrongPassword.exitCode()).as(wrongPassword.stderr()).isEqualTo(4);
            Result badArguments = run(environment, "", "restore", "--source", backups, "--backup", "x", "--at",
                    "2026-01-01T00:00:00Z");
            assertThat(badArguments.exitCode()).as(badArguments.stderr()).isEqualTo(2);
            Result badSource = run(environment, "", "restore", "--source", temp.resolve("nowhere").toString());
            assertThat(badSource.exitCode()).as(badSource.stderr()).isNotZero();
            Result dryRun = run(environment, "", "restore", "--source", backups, "--dry-run");
            assertThat(dryRun.exitCode()).as("a dry run changes nothing: " + dryRun.stderr()).isZero();
            if (target == missingTarget) {
                assertThat(target).doesNotExist();
            } else {
                assertThat(listing(target)).isEmpty();
            }
            if (kind == Kind.H2) {
                assertThat(run(environment, "", "restore", "--source", backups).exitCode()).isZero();
                assertThat(run(environment, "", "wallets", "list").stdout()).contains("agent-2");
            }
        }
    }

    static List<Path> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    static boolean walletSchemaExists(Map<String, String> environment) throws SQLException {
        try (Connection connection = DriverManager.getConnection(environment.get("WALLET_DB_URL"),
                environment.get("WALLET_DB_USER"), environment.get("WALLET_DB_PASSWORD"));
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'wallet'")) {
            return rows.next();
        }
    }
}
