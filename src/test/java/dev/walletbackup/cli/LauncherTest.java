package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
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
        Path fakeJava = fakeInstallation();

        assertThat(javaArguments(fakeJava, "")).contains("-XX:+UseSerialGC");
        assertThat(javaArguments(fakeJava, "-Xmx256m")).contains("-XX:+UseSerialGC", "-Xmx256m");
        assertThat(javaArguments(fakeJava, "-XX:+UseG1GC")).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
        assertThat(javaArguments(fakeJava, "-Xmx1g -XX:+UseParallelGC")).doesNotContain("-XX:+UseSerialGC");
        // options that only mention a collector's words choose none
        assertThat(javaArguments(fakeJava, "-XX:+UseStringDeduplication -XX:MaxGCPauseMillis=100"))
                .contains("-XX:+UseSerialGC", "-XX:+UseStringDeduplication");
    }

    @Test
    void theJvmStartsFromTheBuildsClassArchiveUnlessTheOperatorsOptionsChooseClassSharing() throws Exception {
        Path fakeJava = fakeInstallation();
        Path archive = installation.toRealPath().resolve("target/wallet-backup.jsa");
        String sharing = "-XX:SharedArchiveFile=" + archive;
        assertThat(javaArguments(fakeJava, "")).noneMatch(argument -> argument.contains("SharedArchiveFile"));

        Files.writeString(archive, "an archive");
        assertThat(javaArguments(fakeJava, "")).as("no size recorded").doesNotContain(sharing);
        Files.writeString(installation.resolve("target/wallet-backup.jsa.size"), "11\n");
        assertThat(javaArguments(fakeJava, "")).as("another size recorded").doesNotContain(sharing);
        Files.writeString(installation.resolve("target/wallet-backup.jsa.size"), "10\n");

        assertThat(javaArguments(fakeJava, "")).contains(sharing, "-Xlog:cds=off,cds+dynamic=off");
        assertThat(javaArguments(fakeJava, "-Xmx256m -XX:+UseG1GC")).contains(sharing, "-XX:+UseG1GC");
        for (String own : List.of("-Xshare:off", "-XX:SharedArchiveFile=/elsewhere.jsa",
                "-XX:ArchiveClassesAtExit=/elsewhere.jsa")) {
            assertThat(javaArguments(fakeJava, own)).as(own).contains(own).doesNotContain(sharing);
        }
    }

    /**
     * An archive that no longer fits the jar (here: the jar rebuilt after the archive was trained; also an
     * installation moved, another JDK) costs the command its head start and nothing else. The JVM's complaint would
     * reach standard output, where a --json reader expects JSON only.
     */
    @Test
    void anArchiveThatNoLongerFitsTheJarIsIgnoredWithoutAWord() throws Exception {
        fakeInstallation();
        Path jar = installation.resolve("target/wallet-backup.jar");
        writeJarSayingHello(jar);
        Process training = new ProcessBuilder("java", "-XX:ArchiveClassesAtExit="
                + installation.resolve("target/wallet-backup.jsa"), "-jar", jar.toString()).start();
        assertThat(training.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(read(training.getInputStream())).isEqualTo("hello\n");
        recordArchiveSize();
        writeJarSayingHello(jar);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));

        assertLaunchSaysHelloAndNothingElse();
    }

    /** An archive cut short (an interrupted copy of the installation) would crash the JVM (SIGBUS): it is not used. */
    @Test
    void anArchiveCutShortIsNotGivenToTheJvm() throws Exception {
        fakeInstallation();
        Path jar = installation.resolve("target/wallet-backup.jar");
        Path archive = installation.resolve("target/wallet-backup.jsa");
        writeJarSayingHello(jar);
        Process training = new ProcessBuilder("java", "-XX:ArchiveClassesAtExit=" + archive, "-jar", jar.toString())
                .start();
        assertThat(training.waitFor(60, TimeUnit.SECONDS)).isTrue();
        recordArchiveSize();
        byte[] whole = Files.readAllBytes(archive);
        Files.delete(archive);
        Files.write(archive, Arrays.copyOf(whole, whole.length / 2));

        assertLaunchSaysHelloAndNothingElse();
    }

    /** What src/main/class-archive/train.sh writes beside the archive it trained. */
    private void recordArchiveSize() throws IOException {
        Path archive = installation.resolve("target/wallet-backup.jsa");
        assertThat(archive).isNotEmptyFile();
        Files.writeString(installation.resolve("target/wallet-backup.jsa.size"), Files.size(archive) + "\n");
    }

    private void assertLaunchSaysHelloAndNothingElse() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", installation.resolve("bin/wallet-backup").toString());
        builder.environment().put("JAVA_OPTS", "-Xmx64m");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process launcher = builder.start();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(read(launcher.getInputStream())).isEqualTo("hello\n");
        assertThat(read(launcher.getErrorStream())).isEmpty();
        assertThat(launcher.exitValue()).isZero();
    }

    /** A jar whose main class prints "hello": compiled here, so that the JVM has classes of the jar to archive. */
    private void writeJarSayingHello(Path jar) throws IOException {
        Path sources = Files.createDirectories(installation.resolve("hello"));
        Files.writeString(sources.resolve("Hello.java"),
                "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", sources.toString(),
                sources.resolve("Hello.java").toString())).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("Hello.class"));
            out.write(Files.readAllBytes(sources.resolve("Hello.class")));
            out.closeEntry();
        }
    }

    /** An installation whose jar is no jar, with a java that prints its arguments, one a line; returns that java. */
    private Path fakeInstallation() throws IOException {
        Files.createDirectories(installation.resolve("bin"));
        Files.createDirectories(installation.resolve("config"));
        Files.createDirectories(installation.resolve("target"));
        Files.copy(HOME.resolve("bin/wallet-backup"), installation.resolve("bin/wallet-backup"));
        Files.copy(HOME.resolve("config/jvm.options"), installation.resolve("config/jvm.options"));
        Files.writeString(installation.resolve("target/wallet-backup.jar"), "not run");
        Path fakeJava = Files.createDirectories(installation.resolve("fake-jdk")).resolve("java");
        Files.writeString(fakeJava, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
        assertThat(fakeJava.toFile().setExecutable(true)).isTrue();
        return fakeJava;
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
