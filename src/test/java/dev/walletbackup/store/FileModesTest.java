package dev.walletbackup.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.config.WalletConfig;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data files are 0600 and directories 0700, whoever created them, and wider modes found on disk are tightened aloud. */
class FileModesTest {
    static final Duration COMMAND = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    Map<String, String> environment;
    Path config;

    Path data() {
        return temp.resolve("data");
    }

    String[] withConfig(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return all.toArray(String[]::new);
    }

    Result ok(String stdin, String... args) {
        Result result = new CliRunner(environment).runWithInput(stdin, withConfig(args));
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    void install() throws IOException {
        environment = new HashMap<>(TestStores.environment(Kind.H2, data()));
        environment.put("WALLET_BACKUP_PASSWORD", RunningApplication.PASSWORD);
        config = TestStores.fastConfigFile(temp, Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theStoreAndItsDirectoryArePrivateFromTheFirstCommandOn() throws Exception {
        install();
        ok("", "seed", "init", "--words", "12");
        assertThat(mode(data())).isEqualTo("rwx------");
        assertThat(mode(data().resolve("wallet.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(data().resolve("wallet.trace.db"))).isEqualTo("rw-------");
        ok("", "wallets", "create", "--count", "3");
        ok("", "backup", "full");
        assertThat(mode(data().resolve("wallet.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(data().resolve("backups"))).isEqualTo("rwx------");

        try (CliProcess service = CliProcess.start(environment, withConfig("run"))) {
            assertThat(service.awaitStderrLine(line -> line.contains("(wallet-backup) started"), COMMAND))
                    .as(service.stderr()).isTrue();
            for (String file : List.of("wallet.mv.db", "wallet.trace.db", "wallet.lock.db")) {
                assertThat(mode(data().resolve(file))).as(file).isEqualTo("rw-------");
            }
            assertThat(mode(data())).isEqualTo("rwx------");
        }
    }

    @Test
    void wideModesFoundOnDiskAreTightenedWithAWarningNamingThePathAndItsOldMode() throws Exception {
        install();
        ok("", "seed", "init", "--words", "12");
        ok("", "wallets", "create", "--count", "2");
        ok("", "backup", "full");
        Files.setPosixFilePermissions(data(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data().resolve("wallet.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data().resolve("backups"), PosixFilePermissions.fromString("rwxr-xr-x"));

        Result listed;
        try (CliProcess list = CliProcess.start(environment, withConfig("wallets", "list"))) {
            listed = list.await(COMMAND);
        }
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stderr())
                .contains("WARN", data().toAbsolutePath() + " had mode 0755; tightened to 0700")
                .contains(data().resolve("wallet.mv.db") + " had mode 0644; tightened to 0600");
        assertThat(mode(data())).isEqualTo("rwx------");
        assertThat(mode(data().resolve("wallet.mv.db"))).isEqualTo("rw-------");

        Result backedUp;
        try (CliProcess backup = CliProcess.start(environment, withConfig("backup", "full"))) {
            backedUp = backup.await(COMMAND);
        }
        assertThat(backedUp.exitCode()).as(backedUp.stderr()).isZero();
        assertThat(backedUp.stderr()).contains(data().resolve("backups") + " had mode 0755; tightened to 0700")
                .doesNotContain(data() + " had mode");
        assertThat(mode(data().resolve("backups"))).isEqualTo("rwx------");
    }
}
