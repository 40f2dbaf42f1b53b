package dev.walletbackup.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.backup.BackupLock;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.files.PrivateModes;
import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store serves several processes of one machine: with {@code run} up in its own JVM, commands in other JVMs
 * read and write the store and make backups, and two backups take turns on the backup lock — on the embedded
 * default (H2's automatic mixed mode) exactly as on PostgreSQL.
 */
class MultiProcessStoreTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Multi-Process-Pass-1!";
    static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    Map<String, String> environment;
    Path config;

    void install(Kind kind) throws IOException {
        environment = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
        environment.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        config = TestStores.fastConfigFile(temp, Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
        CliRunner cli = new CliRunner(environment);
        assertThat(cli.runWithInput(HARDHAT, "seed", "import", "--config", config.toString()).exitCode()).isZero();
        ok("wallets", "create", "--count", "5");
    }

    Result ok(String... args) {
        Result result = new CliRunner(environment).run(withConfig(args));
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    String[] withConfig(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return all.toArray(String[]::new);
    }

    /** `run` in its own JVM, once Camel has started every route. */
    CliProcess startService() throws Exception {
        CliProcess service = CliProcess.start(environment, withConfig("run"));
        assertThat(service.awaitStderrLine(line -> line.contains("(wallet-backup) started"), STARTUP))
                .as("the service started; its output:%n%s", service.stderr()).isTrue();
        return service;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void commandsWorkWhileTheServiceRunsAndTwoBackupsInTwoProcessesTakeTurns(Kind kind) throws Exception {
        install(kind);
        try (CliProcess service = startService()) {
            ok("wallets", "create", "--agent", "while-running");
            assertThat(ok("wallets", "list").stdout()).contains("while-running");
            JsonNode first = ok("backup", "full", "--json").json();
            assertThat(first.get("counts").get("wallets").asInt()).isEqualTo(6);
            assertThat(ok("backup", "list").stdout()).contains(first.get("id").asText());

            Path backups = temp.resolve("data").resolve("backups");
            BackupLock lock = new BackupLock(backups, Duration.ZERO, Clock.systemUTC());
            List<CliProcess> twoBackups = new ArrayList<>();
            try {
                lock.acquire();
                try {
                    twoBackups.add(CliProcess.start(environment, withConfig("backup", "full", "--json")));
                    twoBackups.add(CliProcess.start(environment, withConfig("backup", "full", "--json")));
                    for (CliProcess backup : twoBackups) {
                        assertThat(awaitWaitingOnTheLock(backup, backups.resolve(".wallet-backup.lock")))
                                .as("backup process %d waits on the lock; its output:%n%s", backup.pid(), backup.stderr())
                                .isTrue();
                    }
                } finally {
                    lock.release();
                }
                List<JsonNode> reports = new ArrayList<>();
                for (CliProcess backup : twoBackups) {
                    Result result = backup.await(STARTUP);
                    assertThat(result.exitCode()).as(result.stderr()).isZero();
                    reports.add(result.json());
                }
                assertThat(reports.get(0).get("id").asText()).isNotEqualTo(reports.get(1).get("id").asText());
                assertThat(endOf(reports.get(0)).compareTo(startOf(reports.get(1))) <= 0
                        || endOf(reports.get(1)).compareTo(startOf(reports.get(0))) <= 0)
                        .as("one backup ran after the other: %s", reports).isTrue();
            } finally {
                for (CliProcess backup : twoBackups) {
                    backup.kill();
                }
            }
            assertThat(ok("backup", "list", "--json").json()).hasSize(3);
            assertThat(ok("backup", "verify", "--all").exitCode()).isZero();
            assertThat(service.isAlive()).isTrue();
        }
    }

    @Test
    void theEmbeddedStoreIsServedOnLoopbackOnlyWithItsKeyInAPrivateLockFile() throws Exception {
        install(Kind.H2);
        try (CliProcess service = startService()) {
            Path lockFile = temp.resolve("data").resolve("wallet.lock.db");
            Properties lock = new Properties();
            try (Reader in = Files.newBufferedReader(lockFile)) {
                lock.load(in);
            }
            String[] server = lock.getProperty("server").split(":");
            // H2 writes its loopback bind address as "localhost"
            assertThat(InetAddress.getByName(server[0]).isLoopbackAddress()).as(lock.toString()).isTrue();
            int port = Integer.parseInt(server[1]);
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            }
            for (InetAddress address : machineAddresses()) {
                assertThat(reachable(address, port)).as("the store's port %d on %s", port, address).isFalse();
            }
            assertThat(Files.getPosixFilePermissions(lockFile)).isEqualTo(PrivateModes.FILE);
        }
    }

    @Test
    void aWriteMadeThroughTheServiceSurvivesTheServiceBeingKilled() throws Exception {
        install(Kind.H2);
        CliProcess service = startService();
        try {
            ok("wallets", "create", "--agent", "written-through-the-service");
        } finally {
            service.kill();
        }
        // the next command finds no process serving the store and opens it itself
        assertThat(ok("wallets", "list").stdout()).contains("written-through-the-service");
    }

    /** Whether the process has opened the lock file: it is inside BackupLock.acquire, waiting for its turn. */
    static boolean awaitWaitingOnTheLock(CliProcess process, Path lockFile) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        Path descriptors = Path.of("/proc", Long.toString(process.pid()), "fd");
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (opens(descriptors, lockFile.toRealPath())) {
                return true;
            }
            process.awaitStderrLine(line -> false, Duration.ofMillis(50));
        }
        return false;
    }

    private static boolean opens(Path descriptors, Path file) throws IOException {
        try (Stream<Path> open = Files.list(descriptors)) {
            return open.anyMatch(descriptor -> {
                try {
                    return Files.readSymbolicLink(descriptor).equals(file);
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            });
        } catch (java.nio.file.NoSuchFileException ended) {
            return false;
        }
    }

    static Instant startOf(JsonNode report) {
        return Instant.parse(report.get("createdAt").asText());
    }

    static Instant endOf(JsonNode report) {
        return startOf(report).plusMillis(report.get("durationMs").asLong());
    }

    static List<InetAddress> machineAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
            network.inetAddresses().filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                    .forEach(addresses::add);
        }
        return addresses;
    }

    static boolean reachable(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
