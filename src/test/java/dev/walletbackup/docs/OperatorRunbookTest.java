package dev.walletbackup.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RippledStandIn;
import dev.walletbackup.testing.S3Server;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code bin/wallet-backup} command of docs/operators/wallet-backup-recovery.md, in the guide's order,
 * the way an operator would: sections 1–3 on the installation that makes the backups, then the disaster (its data
 * directory deleted, a copy of the backup directory kept), then section 4 onwards on a new, empty installation.
 * Restores to an earlier point and from the cloud run on a fresh data directory each. Both installations send
 * their backups to a real S3 server (S3Proxy) under the guide's bucket and prefix. Every command must exit 0.
 * The troubleshooting section is {@link TroubleshootingGuideTest}'s.
 */
class OperatorRunbookTest {
    static final Path GUIDE = Path.of(System.getProperty("wallet.home", "."), "docs", "operators", "wallet-backup-recovery.md");
    static final String DOCUMENTED_SOURCE = "/srv/wallet-backup/backups";
    static final String PASSWORD = "Runbook-Drill-Pass-1!";

    @TempDir
    Path temp;
    Map<String, String> s3;
    String xrplEndpoint;

    @Test
    void everyCommandInTheOperatorsGuideWorksAsWritten() throws Exception {
        try (S3Server s3 = S3Server.start(Files.createDirectories(temp.resolve("s3")));
             RippledStandIn rippled = new RippledStandIn(200, Integer.MAX_VALUE)) {
            xrplEndpoint = rippled.endpoint().toString();
            followTheGuide(s3.environment("prod/"));
        }
    }

    void followTheGuide(Map<String, String> s3) throws IOException {
        this.s3 = s3;
        Path config = TestStores.fastConfigFile(temp, Map.of());
        CliRunner old = runner(temp.resolve("old"));
        Result imported = old.runWithInput("test test test test test test test test test test test junk",
                "seed", "import", "--config", config.toString());
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(old.run("wallets", "create", "--count", "12", "--config", config.toString()).exitCode()).isZero();

        List<String> commands = documentedCommands();
        assertThat(commands).hasSizeGreaterThan(12);
        Path copy = temp.resolve("copy");
        CliRunner fresh = null;
        String firstBackupId = null;
        String secondBackupTime = null;
        int freshDirectories = 0;
        for (String command : commands) {
            boolean afterDisaster = !command.startsWith("1:") && !command.startsWith("2:") && !command.startsWith("3:");
            String line = command.substring(2);
            if (afterDisaster && fresh == null) {
                JsonNode backups = old.run("backup", "list", "--json", "--source",
                        temp.resolve("old").resolve("backups").toString()).json().get("backups");
                firstBackupId = backups.get(0).get("id").asText();
                secondBackupTime = backups.get(1).get("createdAt").asText();
                copyAndDestroy(temp.resolve("old"), copy);
                fresh = runner(temp.resolve("new"));
            }
            String resolved = line.replace(DOCUMENTED_SOURCE, copy.toString()).replace("<ID>", String.valueOf(firstBackupId))
                    .replace("<TIME>", String.valueOf(secondBackupTime));
            List<String> args = new ArrayList<>(Arrays.asList(resolved.split("\\s+")));
            args.remove(0);
            args.addAll(List.of("--config", config.toString()));
            CliRunner target = !afterDisaster ? old
                    : resolved.contains("--backup ") || resolved.contains("--at ") || resolved.contains("restore --source s3://")
                    ? runner(temp.resolve("earlier-" + freshDirectories++)) : fresh;
            if (resolved.startsWith("bin/wallet-backup reconcile")) {
                // The guide reconciles with the chain endpoints set; without any, reconcile is a usage error.
                target = runner(temp.resolve("new"), Map.of("XRPL_RPC_URL", xrplEndpoint));
            }
            Result result = target.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(line + "\n" + result.stderr()).isZero();
        }
        assertThat(freshDirectories).isEqualTo(3);
    }

    CliRunner runner(Path dataDir) {
        return runner(dataDir, Map.of());
    }

    CliRunner runner(Path dataDir, Map<String, String> chains) {
        Map<String, String> env = new HashMap<>(s3);
        env.putAll(chains);
        env.put("WALLET_DATA_DIR", dataDir.toString());
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env);
    }

    /** Troubleshooting's commands each need their own mishap: {@link TroubleshootingGuideTest} runs them. */
    static final String TROUBLESHOOTING = "8";

    /** The guide's commands in order, each prefixed with the number of the section it stands in. */
    static List<String> documentedCommands() throws IOException {
        return GuideCommand.of(GUIDE).stream().filter(command -> !command.section().equals(TROUBLESHOOTING))
                .map(command -> command.section() + ":" + command.line()).toList();
    }

    static void copyAndDestroy(Path installation, Path copy) throws IOException {
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(installation.resolve("backups"))) {
            for (Path file : files.filter(path -> !path.getFileName().toString().startsWith(".")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        try (Stream<Path> files = Files.walk(installation)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
