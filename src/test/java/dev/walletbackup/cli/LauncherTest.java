package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/wallet-backup: in an installation that lacks a part it names the part instead of starting a JVM that fails; the
 * JVM it starts collects with Serial unless the operator's options choose a collector.
 */
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

    @Test
    void theJvmCollectsWithSerialUnlessTheOperatorsOptionsChooseACollector() throws Exception {
        Files.createDirectories(installation.resolve("bin"));
        Files.createDirectories(installation.resolve("config"));
        Files.createDirectories(installation.resolve("target"));
        Files.copy(HOME.resolve("bin/wallet-backup"), installation.resolve("bin/wallet-backup"));
        Files.copy(HOME.resolve("config/jvm.options"), installation.resolve("config/jvm.options"));
        Files.writeString(installation.resolve("target/wallet-backup.jar"), "not run");
        // a java that prints the arguments it was given, one a line, instead of starting
        Path fakeJava = Files.createDirectories(installation.resolve("fake-jdk")).resolve("java");
        Files.writeString(fakeJava, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
        assertThat(fakeJava.toFile().setExecutable(true)).isTrue();

        assertThat(javaArguments(fakeJava, "")).contains("-XX:+UseSerialGC");
        assertThat(javaArguments(fakeJava, "-Xmx256m")).contains("-XX:+UseSerialGC", "-Xmx256m");
        assertThat(javaArguments(fakeJava, "-XX:+UseG1GC")).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
        assertThat(javaArguments(fakeJava, "-Xmx1g -XX:+UseParallelGC")).doesNotContain("-XX:+UseSerialGC");
        // options that only mention a collector's words choose none
        assertThat(javaArguments(fakeJava, "-XX:+UseStringDeduplication -XX:MaxGCPauseMillis=100"))
                .contains("-XX:+UseSerialGC", "-XX:+UseStringDeduplication");
    }

    private List<String> javaArguments(Path fakeJava, String javaOpts) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", installation.resolve("bin/wallet-backup").toString(),
                "--version");
        builder.environment().put("PATH", fakeJava.getParent() + ":" + builder.environment().get("PATH"));
        builder.environment().put("JAVA_OPTS", javaOpts);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process launcher = builder.start();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isZero();
        return read(launcher.getInputStream()).lines().toList();
    }

    static String read(InputStream stream) throws IOException {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
}
