package dev.walletbackup.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningService;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code bin/wallet-backup} and {@code curl} command of docs/operators/deployment.md in the guide's order,
 * as the guide's operator would: with the settings of the shipped environment file (docs/operators/systemd) loaded as
 * the guide's {@code set -a} line does, its paths and the password file moved to temporary ones, {@code run} in a JVM
 * of its own and the other commands beside it. Each must succeed and say what the guide says. The {@code not-run}
 * blocks (systemd, Docker, Kubernetes) must name the image the build makes, as the build makes it.
 */
class DeploymentGuideTest {
    static final Path HOME = Path.of(System.getProperty("wallet.home", "."));
    static final Path GUIDE = HOME.resolve("docs/operators/deployment.md");
    static final Path ENV_FILE = HOME.resolve("docs/operators/systemd/wallet-backup.env");
    static final String LOAD_ENV_FILE = "set -a; . /etc/wallet-backup/wallet-backup.env; set +a";
    static final String PASSWORD_FILE = "/etc/wallet-backup/backup-password";
    static final String PASSWORD = "Deployment-Guide-Pass-3#";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void everyCommandInTheDeploymentGuideWorksAsWritten() throws Exception {
        List<String> lines = GuideCommand.runnableLines(GUIDE);
        List<String> commands = GuideCommand.linesOf(GUIDE);
        assertThat(lines).contains(LOAD_ENV_FILE);
        assertThat(lines.indexOf(LOAD_ENV_FILE)).isLessThan(lines.indexOf(commands.get(0)));
        assertThat(commands).hasSizeGreaterThanOrEqualTo(10).contains(
                "bin/wallet-backup --password-file " + PASSWORD_FILE + " run", "bin/wallet-backup health");

        Path password = Files.writeString(temp.resolve("backup-password"), PASSWORD + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = environmentFile();
        int port = RunningService.freePort();
        env.put("WALLET_MANAGEMENT_PORT", Integer.toString(port));
        Path config = TestStores.fastConfigFile(temp, Map.of());
        CliRunner cli = new CliRunner(env).withConfig(config);
        CliProcess service = null;
        try {
            for (String command : commands) {
                String resolved = command.replace(PASSWORD_FILE, password.toString());
                if (resolved.startsWith("curl ")) {
                    HttpResponse<String> response = HttpClient.newHttpClient()
                            .send(MonitoringGuideTest.curl(resolved, port), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(command + "\n" + response.body()).isEqualTo(200);
                    MonitoringGuideTest.assertAnswer(command, response.body());
                    continue;
                }
                List<String> args = new ArrayList<>(Arrays.asList(resolved.split("\\s+")));
                args.remove(0);
                if (args.get(args.size() - 1).equals("run")) {
                    args.addAll(List.of("--config", config.toString()));
                    service = CliProcess.start(List.of(env.get("JAVA_OPTS").split("\\s+")), env, args.toArray(String[]::new));
                    // a store without a backup gets one at start-up, and health is DOWN until then
                    assertThat(service.awaitStderrLine(line -> line.contains("(wallet-backup) started in"), PATIENCE)
                            && service.awaitStderrLine(line -> line.contains("(full) done in"), PATIENCE))
                            .as(service.stderr()).isTrue();
                    continue;
                }
                Result result = cli.run(args.toArray(String[]::new));
                assertThat(result.exitCode()).as(command + "\n" + result.stderr()).isZero();
                assertThat(result.stdout() + result.stderr()).as(command).doesNotContain(PASSWORD);
                assertAnswer(command, result.stdout());
            }
        } finally {
            if (service != null) {
                service.kill();
            }
        }
        try (Stream<Path> backups = Files.list(Path.of(env.get("WALLET_BACKUP_PATH")))) {
            assertThat(backups.filter(file -> file.toString().endsWith(".manifest.json")))
                    .as("the start-up full and the one taken before the upgrade, in the environment file's directory")
                    .hasSize(2);
        }
    }

    @Test
    void theNotRunBlocksUseTheImageAndEntrypointTheBuildMakes() throws IOException {
        List<String> notRun = GuideCommand.notRunLinesOf(GUIDE);
        String pom = Files.readString(HOME.resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>wallet-backup</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(notRun).anyMatch(line -> line.contains("systemctl enable --now wallet-backup"))
                .anyMatch(line -> line.startsWith("docker load -i target/wallet-backup-image.tar"))
                .anyMatch(line -> line.equals("wallet-backup:" + version.group(1)))
                .anyMatch(line -> line.startsWith("mvn -B -DskipTests verify"));
        assertThat(pom).contains("<image>wallet-backup:${project.version}</image>", "<tar>${image.tar}</tar>",
                "<image.tar>${project.build.directory}/wallet-backup-image.tar</image.tar>", "<arg>-Dwallet.home=/app</arg>",
                "<arg>/app/classpath/*:/app/libs/*</arg>", "<arg>dev.walletbackup.cli.WalletBackupCli</arg>");
        assertThat(notRun).filteredOn(line -> line.startsWith("docker exec "))
                .allMatch(line -> line.contains("java -Dwallet.home=/app -cp '/app/classpath/*:/app/libs/*' "
                        + "dev.walletbackup.cli.WalletBackupCli "));
        assertThat(notRun).as("the password from a mounted file, never in the container's environment")
                .anyMatch(line -> line.contains("-e WALLET_BACKUP_PASSWORD_FILE=/run/secrets/backup-password"))
                .noneMatch(line -> line.contains("WALLET_BACKUP_PASSWORD="));
    }

    /** What the guide says each kind of command answers, beyond exit code 0. */
    static void assertAnswer(String command, String stdout) {
        if (command.endsWith(" seed init --show-mnemonic")) {
            assertThat(stdout.lines()).as("the 24 words to write down").anyMatch(line -> line.strip().split(" ").length == 24);
        } else if (command.endsWith(" health")) {
            assertThat(stdout).isEqualTo("UP\n");
        } else if (command.endsWith(" --version")) {
            assertThat(stdout).startsWith("wallet-backup ");
        } else if (command.endsWith(" backup list")) {
            assertThat(stdout).contains("full");
        }
    }

    /** The shipped environment file's settings, its directories moved under the test's temporary directory. */
    Map<String, String> environmentFile() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(ENV_FILE)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                env.put(pair[0], pair[1].startsWith("/") ? temp.resolve(pair[1].substring(1)).toString() : pair[1]);
            }
        }
        assertThat(env).containsKeys("WALLET_DATA_DIR", "WALLET_BACKUP_PATH", "JAVA_OPTS");
        return env;
    }
}
