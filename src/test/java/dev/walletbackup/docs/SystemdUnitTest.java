package dev.walletbackup.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.config.WalletConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit and its environment file in docs/operators/systemd: systemd itself accepts the unit (with the
 * installation directory pointed at this checkout, so that ExecStart names a real launcher), and the settings that
 * keep the service safe are there — a user of its own, the password only as a credential file, a stop timeout above
 * Camel's shutdown timeout, read-only system but for the data and backup directories.
 */
class SystemdUnitTest {
    static final Path HOME = Path.of(System.getProperty("wallet.home", "."));
    static final Path UNIT = HOME.resolve("docs/operators/systemd/wallet-backup.service");
    static final Path ENV_FILE = HOME.resolve("docs/operators/systemd/wallet-backup.env");

    @TempDir
    Path temp;

    @Test
    void systemdVerifiesTheUnitWithoutAWarning() throws Exception {
        Path unit = temp.resolve("wallet-backup.service");
        Files.writeString(unit, Files.readString(UNIT).replace("/opt/wallet-backup", HOME.toAbsolutePath().toString()));
        Process verify = new ProcessBuilder(systemdAnalyze(), "verify", unit.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor()).as(output).isZero();
        assertThat(output).isEmpty();
    }

    @Test
    void theServiceRunsAsItsOwnUserWithThePasswordAsACredentialAndRestartsOnFailure() throws IOException {
        Map<String, List<String>> service = section(Files.readString(UNIT), "Service");
        assertThat(service.get("User")).singleElement().isNotIn("root", "0");
        assertThat(service.get("ExecStart")).containsExactly("/opt/wallet-backup/bin/wallet-backup run");
        assertThat(service.get("EnvironmentFile")).containsExactly("/etc/wallet-backup/wallet-backup.env");
        assertThat(service.get("LoadCredential")).containsExactly("backup-password:/etc/wallet-backup/backup-password");
        assertThat(service.get("Environment")).contains("WALLET_BACKUP_PASSWORD_FILE=%d/backup-password");
        assertThat(Files.readString(UNIT) + Files.readString(ENV_FILE)).doesNotContain("WALLET_BACKUP_PASSWORD=");
        assertThat(service.get("Restart")).containsExactly("on-failure");
        assertThat(service.get("LimitCORE")).containsExactly("0");
    }

    @Test
    void systemdWaitsLongerThanCamelsShutdownTimeoutBeforeItKills() throws IOException {
        Properties shipped = new Properties();
        try (var reader = Files.newBufferedReader(HOME.resolve("config/application.properties"))) {
            shipped.load(reader);
        }
        Duration camel = Duration.ofSeconds(Long.parseLong(shipped.getProperty("camel.main.shutdown-timeout").trim()));
        String stop = section(Files.readString(UNIT), "Service").get("TimeoutStopSec").get(0);
        assertThat(stop).matches("\\d+s");
        assertThat(Duration.ofSeconds(Long.parseLong(stop.substring(0, stop.length() - 1)))).isGreaterThan(camel);
    }

    @Test
    void theSystemIsReadOnlyButForTheDataAndBackupDirectoriesOfTheEnvironmentFile() throws IOException {
        Map<String, List<String>> service = section(Files.readString(UNIT), "Service");
        assertThat(service.get("NoNewPrivileges")).containsExactly("yes");
        assertThat(service.get("ProtectSystem")).containsExactly("strict");
        assertThat(service.get("ProtectHome")).containsExactly("yes");
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ENV_FILE)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                environment.put(pair[0], pair[1]);
            }
        }
        WalletConfig config = WalletConfig.load(HOME.resolve("config/application.properties"), environment, Map.of());
        List<String> writable = List.of(service.get("ReadWritePaths").get(0).split("\\s+"));
        assertThat(writable).contains(config.dataDir().toString(), config.backupPath().toString());
        assertThat(service.get("StateDirectory")).containsExactly(config.dataDir().getFileName().toString());
    }

    /** The keys of one [section] of a unit file, each with its values in order. */
    static Map<String, List<String>> section(String unit, String name) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        boolean inside = false;
        for (String line : unit.lines().toList()) {
            if (line.startsWith("[")) {
                inside = line.equals("[" + name + "]");
            } else if (inside && !line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                keys.computeIfAbsent(pair[0].strip(), key -> new ArrayList<>()).add(pair[1].strip());
            }
        }
        return keys;
    }

    static String systemdAnalyze() {
        return Stream.of(System.getenv("PATH").split(":")).map(directory -> Path.of(directory, "systemd-analyze"))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("systemd-analyze is needed (Debian: apt-get install systemd)"))
                .toString();
    }
}
