package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/wallet-backup in an installation that lacks a part: it names the part instead of starting a JVM that fails. */
class LauncherTest {
    static final Path HOME = Path.of(System.getProperty("wallet.home", "."));

    @TempDir
    Path installation;

    @Test
    void anInstallationWithoutItsJvmOptionsFileIsNamedAndNothingRuns() throws Exception {
        Files.createDirectories(installation.resolve("bin"));
        Files.copy(HOME.resolve("bin/wallet-backup"), installation.resolve("bin/wallet-backup"));
        Files.createDirectories(installation.resolve("target"));
        Files.writeString(installation.resolve("target/wallet-backup.jar"), "not run");

        Process launcher = new ProcessBuilder("bash", installation.resolve("bin/wallet-backup").toString(), "--version")
                .start();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isOne();
        assertThat(read(launcher.getInputStream())).isEmpty();
        assertThat(read(launcher.getErrorStream())).isEqualTo("wallet-backup: "
                + installation.toRealPath().resolve("config/jvm.options")
                + " is missing; it comes with the installation (restore it from its source tree)\n");
    }

    static String read(InputStream stream) throws IOException {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
}
