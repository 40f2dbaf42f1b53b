package dev.walletbackup.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningService;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image tarball that {@code mvn verify} builds (jib:buildTar on the base src/main/image/base-image.sh
 * assembles): its configuration, its layers, and its entrypoint run as the image's user in a chroot of its layers —
 * there is no container engine here, so the test does what one would: unpack the layers in order, take the
 * configuration's environment and user, mount /proc, and run {@code Entrypoint + Cmd}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageIT {
    static final Path IMAGE = Path.of(System.getProperty("image.tar", "target/wallet-backup-image.tar"));
    static final String USER = System.getProperty("image.user", "10001");
    static final Path HOME = Path.of(System.getProperty("wallet.home", "."));
    static final Duration PATIENCE = Duration.ofSeconds(90);

    Path temp;
    JsonNode config;
    List<String> layers;
    Path rootfs;

    @BeforeAll
    void unpackTheImage(@TempDir Path directory) throws Exception {
        temp = directory;
        Path unpacked = Files.createDirectories(temp.resolve("image"));
        run("tar", "-xf", IMAGE.toString(), "-C", unpacked.toString());
        JsonNode manifest = new ObjectMapper().readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        config = new ObjectMapper().readTree(unpacked.resolve(manifest.get("Config").asText()).toFile()).get("config");
        layers = new ArrayList<>();
        rootfs = Files.createDirectories(temp.resolve("rootfs"));
        for (JsonNode layer : manifest.get("Layers")) {
            Path file = unpacked.resolve(layer.asText());
            // Jib marks its entries with libarchive's creation time, which GNU tar does not know
            layers.add(run("tar", "--warning=no-unknown-keyword", "--numeric-owner", "-tvzf", file.toString()));
            run("tar", "--warning=no-unknown-keyword", "-xzf", file.toString(), "-C", rootfs.toString());
        }
        Files.createDirectories(rootfs.resolve("proc"));
    }

    @Test
    void theImageRunsTheServiceAsANonRootUserOnItsManagementPortWithNoSecretInItsEnvironment() {
        assertThat(config.get("User").asText()).isEqualTo(USER + ":" + USER).doesNotStartWith("0:");
        assertThat(strings(config.get("Entrypoint"))).startsWith("java").contains("-Dwallet.home=/app")
                .endsWith("dev.walletbackup.cli.WalletBackupCli");
        assertThat(strings(config.get("Cmd"))).containsExactly("run");
        assertThat(config.get("ExposedPorts").has("9876/tcp")).isTrue();
        assertThat(config.get("Volumes").has("/var/lib/wallet-backup")).isTrue();
        assertThat(config.get("Volumes").has("/var/lib/wallet-backup/backups")).isTrue();
        Map<String, String> env = environment();
        assertThat(env).containsEntry("WALLET_DATA_DIR", "/var/lib/wallet-backup")
                .containsEntry("WALLET_MANAGEMENT_HOST", "0.0.0.0").containsKey("PATH");
        assertThat(env.keySet()).noneMatch(name -> name.contains("PASSWORD") || name.contains("SECRET")
                || name.startsWith("AWS_") || name.endsWith("_KEY") || name.endsWith("_KEY_ID"));
    }

    @Test
    void theLayersHoldTheJarItsLibrariesConfigurationRoutesAJavaRuntimeAndADataDirectoryOfTheUser() throws IOException {
        String all = String.join("\n", layers);
        assertThat(all).contains(" app/classpath/wallet-backup.jar", " app/libs/camel-main-", " app/config/application.properties",
                "opt/java/bin/java", "lib64/ld-linux-x86-64.so.2");
        try (Stream<Path> routes = Files.list(HOME.resolve("routes"))) {
            routes.forEach(route -> assertThat(all).contains(" app/routes/" + route.getFileName()));
        }
        assertThat(all.lines().filter(line -> line.endsWith(" ./var/lib/wallet-backup/")))
                .singleElement().asString().startsWith("drwx------ " + USER + "/" + USER + " ");
        assertThat(all).doesNotContain("/jmods/").doesNotContain("libawt_xawt");
    }

    @Test
    void theEntrypointAsTheImageUserStartsTheServiceWhichBacksUpAndAnswersItsHealthCommandAndAnHttpProbe() throws Exception {
        int port = RunningService.freePort();
        // Configured by the environment alone, the way a container is: the test's cheap Argon2id through the
        // WALLET_ variables of those settings
        Map<String, String> settings = new HashMap<>(Map.of("WALLET_BACKUP_PASSWORD", "Image-Test-Pass-1!",
                "WALLET_MANAGEMENT_PORT", Integer.toString(port)));
        TestStores.FAST.forEach((key, value) -> settings.put(WalletConfig.environmentVariable(key), value));
        Result init = inImage(List.of("seed", "init"), settings).await(PATIENCE);
        assertThat(init.exitCode()).as(init.stderr()).isZero();
        try (CliProcess service = inImage(strings(config.get("Cmd")), settings)) {
            assertThat(service.awaitStderrLine(line -> line.contains("(full) done in"), PATIENCE))
                    .as("the start-up backup: %s", service.stderr()).isTrue();
            assertThat(service.awaitStderrLine(line -> line.contains("HttpServer started on 0.0.0.0:" + port), PATIENCE))
                    .isTrue();
            // As `docker exec` or a Compose healthcheck runs it: another process of the image, beside the service
            Result health = inImage(List.of("health"), Map.of("WALLET_MANAGEMENT_PORT", Integer.toString(port)))
                    .await(PATIENCE);
            assertThat(health.exitCode()).as(health.stderr()).isZero();
            assertThat(health.stdout()).isEqualTo("UP");
            // As kubelet's httpGet probe asks it
            HttpResponse<String> probe = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/observe/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(probe.statusCode()).isEqualTo(200);
        }
        try (Stream<Path> backups = Files.list(rootfs.resolve("var/lib/wallet-backup/backups"))) {
            assertThat(backups.map(file -> file.getFileName().toString())).anyMatch(name -> name.endsWith(".wbk"))
                    .anyMatch(name -> name.endsWith(".manifest.json"));
        }
    }

    /**
     * The entrypoint with these arguments, as the image's user in a chroot of its layers, with the image's environment
     * and {@code more}, in a PID namespace of its own with /proc mounted (the JVM finds its libraries through it). A
     * test run by root runs it as the image's numeric user; otherwise as root of a user namespace, which owns what the
     * unprivileged test unpacked.
     */
    CliProcess inImage(List<String> args, Map<String, String> more) throws IOException {
        boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        List<String> command = new ArrayList<>(List.of(tool("unshare"), "--fork", "--kill-child", "--pid", "--mount",
                "--mount-proc=" + rootfs.resolve("proc")));
        if (!root) {
            command.addAll(1, List.of("--user", "--map-root-user"));
        }
        command.add(tool("chroot"));
        if (root) {
            command.add("--userspec=" + config.get("User").asText());
        }
        command.add(rootfs.toString());
        command.addAll(strings(config.get("Entrypoint")));
        command.addAll(args);
        Map<String, String> env = new HashMap<>(environment());
        // Short runs: C1 alone spares the shared cores most of the JIT's work; each process is PID 1 of its own
        // namespace, so the JVMs' perf-data files in the shared /tmp would collide (in a container they do not)
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:-UsePerfData");
        env.putAll(more);
        return CliProcess.command(command, env);
    }

    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        config.get("Env").forEach(entry -> {
            String[] pair = entry.asText().split("=", 2);
            env.put(pair[0], pair[1]);
        });
        return env;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** A tool of this machine by its full path: the image's PATH, which the chroot is given, does not have it. */
    static String tool(String name) {
        return Stream.of(System.getenv("PATH").split(":"), new String[] {"/usr/sbin", "/sbin"}).flatMap(Stream::of)
                .map(directory -> Path.of(directory, name)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is needed to run the image without a container engine"))
                .toString();
    }

    /** Runs a tool to its end and returns its standard output; it must succeed. */
    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }
}
