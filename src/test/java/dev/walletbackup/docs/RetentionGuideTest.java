package dev.walletbackup.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code bin/wallet-backup} command of docs/operators/retention.md, in the guide's order, on a store with
 * two chains (a full and an incremental, twice), and checks what the guide says each one does; first, that the
 * service's retention after a backup does nothing when no rule is set.
 */
class RetentionGuideTest {
    static final Path GUIDE = Path.of(System.getProperty("wallet.home", "."), "docs", "operators", "retention.md");

    @TempDir
    Path temp;

    @Test
    void everyCommandInTheRetentionGuideDoesWhatTheGuideSays() throws Exception {
        Path dataDir = temp.resolve("data");
        Map<String, String> environment = new HashMap<>(TestStores.environment(Kind.H2, dataDir));
        environment.put("WALLET_BACKUP_PASSWORD", RunningApplication.PASSWORD);
        List<BackupReport> made = new ArrayList<>();
        try (RunningApplication app = RunningApplication.startOn(TestStores.config(environment)
                .with(Map.of(WalletConfig.SCHEDULE_ENABLED, "false")), Clock.systemUTC()).withHardhatSeed(2)) {
            for (String type : List.of("full", "incremental", "full", "incremental")) {
                made.add(app.backup(type));
            }
            // "with no rule set it does nothing": what the schedules run after a backup
            app.context().createProducerTemplate().sendBody("direct:backup-prune-after-schedule", made.get(3));
            assertThat(new BackupCatalog(app.services().store()).list()).hasSize(4);
            assertThat(app.context().getRegistry().lookupByNameAndType("walletMeterRegistry", MeterRegistry.class)
                    .find("wallet.retention.removals").counters()).isEmpty();
        }
        Path backups = dataDir.resolve("backups");
        assertThat(made).allSatisfy(backup -> assertThat(backups.resolve(backup.fileName())).exists());
        List<String> older = made.subList(0, 2).stream().map(BackupReport::id).toList();
        List<String> newer = made.subList(2, 4).stream().map(BackupReport::id).toList();
        CliRunner cli = new CliRunner(environment);
        Path config = TestStores.fastConfigFile(temp, Map.of());

        List<String> commands = documentedCommands();
        assertThat(commands).hasSize(6);
        for (String command : commands) {
            List<String> args = new ArrayList<>(Arrays.asList(command.split("\\s+")));
            args.remove(0);
            args.addAll(List.of("--config", config.toString()));
            Result result = cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(command + ": " + result.stderr()).isZero();
            switch (command) {
                case "bin/wallet-backup backup prune --keep-last 2 --dry-run" -> {
                    assertThat(result.stdout()).contains("2 would be removed (dry run)").contains(older)
                            .contains(backups.resolve(made.get(0).fileName()).toString())
                            .containsPattern("(?m)^  keep   " + made.get(3).id() + " .*keep-last");
                    assertThat(backups.resolve(made.get(0).fileName())).exists();
                }
                case "bin/wallet-backup backup prune --keep-daily 7 --keep-weekly 4 --keep-monthly 6 --dry-run --json" -> {
                    // all four were made today: the day's newest backup and its chain stay
                    JsonNode report = result.json();
                    assertThat(ids(report.get("removed"))).containsExactlyInAnyOrderElementsOf(older);
                    assertThat(ids(report.get("kept"))).containsExactlyInAnyOrderElementsOf(newer);
                }
                case "bin/wallet-backup backup prune --keep-last 2" -> {
                    assertThat(result.stdout()).contains("2 removed");
                    for (BackupReport backup : made) {
                        assertThat(Files.exists(backups.resolve(backup.fileName())))
                                .as(backup.id()).isEqualTo(newer.contains(backup.id()));
                    }
                }
                case "bin/wallet-backup backup list" -> assertThat(result.stdout()).contains(newer)
                        .doesNotContain(older.get(0)).doesNotContain(older.get(1));
                case "bin/wallet-backup backup verify --all --deep" -> assertThat(result.stdout().lines()
                        .filter(line -> line.contains(" ok (decrypted")).count()).isEqualTo(2);
                case "bin/wallet-backup backup prune --dry-run" -> assertThat(result.stdout())
                        .contains("no retention rule is set").contains("0 would be removed");
                default -> throw new AssertionError("the guide has a command this test does not know: " + command);
            }
        }
    }

    static List<String> ids(JsonNode backups) {
        return StreamSupport.stream(backups.spliterator(), false).map(backup -> backup.get("id").asText()).toList();
    }

    static List<String> documentedCommands() throws IOException {
        return GuideCommand.linesOf(GUIDE);
    }
}
