package dev.walletbackup.backup.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention in the service (after each scheduled backup, with the configured rules, counted in the metrics) and
 * the command's refusals: while another process holds the backup lock, and for options it does not know.
 */
class RetentionServiceTest {
    static final String NEVER_SOON = "0 0 0 1 1 ? 2099";

    @TempDir
    Path temp;

    /** On H2; RetentionHistoryTest forgets catalog entries on PostgreSQL. */
    @Test
    void aScheduledBackupIsFollowedByRetentionWithTheConfiguredRulesAndItsRemovalsAreCounted() throws Exception {
        Path dataDir = temp.resolve("data");
        WalletConfig config = TestStores.config(Kind.H2, dataDir);
        List<BackupReport> earlier = threeBackups(config);
        Map<String, String> service = Map.of(WalletConfig.FULL_SCHEDULE, "0/1 * * * * ?",
                WalletConfig.INCREMENTAL_SCHEDULE, NEVER_SOON, WalletConfig.RETENTION_KEEP_LAST, "1");
        AtomicReference<NotifyBuilder> pruned = new AtomicReference<>();
        try (RunningApplication app = RunningApplication.startOn(config.with(service), Clock.systemUTC(),
                context -> pruned.set(new NotifyBuilder(context).fromRoute("backup-full-schedule")
                        .whenDoneByIndex(0).create()))) {
            assertThat(pruned.get().matches(30, TimeUnit.SECONDS)).as("retention ran after a scheduled backup").isTrue();
            Set<String> left = new BackupCatalog(app.services().store()).list().stream().map(CatalogEntry::id)
                    .collect(Collectors.toSet());
            assertThat(left).as("keep-last 1 keeps only what the schedule made").isNotEmpty()
                    .doesNotContainAnyElementsOf(earlier.stream().map(BackupReport::id).toList());
            assertThat(listing(app.backupDirectory())).doesNotContainAnyElementsOf(
                    earlier.stream().map(BackupReport::fileName).toList());
            MeterRegistry meters = app.context().getRegistry().lookupByNameAndType("walletMeterRegistry",
                    MeterRegistry.class);
            assertThat(meters.get("wallet.retention.removals").tag("destination", "local").tag("kind", "backup")
                    .counter().count()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void pruneRefusesWhileAnotherProcessHoldsTheBackupLock() throws Exception {
        Path dataDir = temp.resolve("data");
        Map<String, String> environment = new HashMap<>(TestStores.environment(Kind.H2, dataDir));
        threeBackups(TestStores.config(environment));
        Path backups = dataDir.resolve("backups");
        Set<String> before = listing(backups);
        CliRunner cli = new CliRunner(environment).withConfig(TestStores.fastConfigFile(temp,
                Map.of(WalletConfig.LOCK_TIMEOUT, "0")));
        Process holder = holdLock(backups.resolve(".wallet-backup.lock"));
        try {
            Result refused = cli.run("backup", "prune", "--keep-last", "1");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr()).contains("another backup, restore, prune or rekey is running").contains(".wallet-backup.lock");
            assertThat(listing(backups)).isEqualTo(before);
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(cli.ok("backup", "prune", "--keep-last", "1", "--json").json().get("kept"))
                .as("once the lock is free; the newest incremental's chain is all three").hasSize(3);
    }

    @Test
    void aNegativeOrUnknownOptionIsAUsageError() throws IOException {
        CliRunner cli = new CliRunner(TestStores.environment(Kind.H2, temp.resolve("data")))
                .withConfig(TestStores.fastConfigFile(temp, Map.of()));
        for (String[] args : List.of(new String[] {"backup", "prune", "--keep-daily", "-1"},
                new String[] {"backup", "prune", "--keep-hourly", "3"},
                new String[] {"backup", "prune", "--keep-weekly", "100001"})) {
            Result result = cli.run(args);
            assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isEqualTo(2);
            assertThat(result.stderr()).contains("keep-");
        }
    }

    /** A full and two incrementals (the second's parent the first), made with the schedules off. */
    static List<BackupReport> threeBackups(WalletConfig config) throws Exception {
        try (RunningApplication app = RunningApplication.startOn(
                config.with(Map.of(WalletConfig.SCHEDULE_ENABLED, "false")), Clock.systemUTC()).withHardhatSeed(2)) {
            return List.of(app.backup("full"), app.backup("incremental"), app.backup("incremental"));
        }
    }

    /** Another JVM that holds the OS lock on {@code lockFile} until its standard input is closed. */
    Process holdLock(Path lockFile) throws IOException {
        Path source = Files.writeString(temp.resolve("HoldLock.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;

                public class HoldLock {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE); var lock = channel.lock()) {
                            System.out.println("locked");
                            System.out.flush();
                            System.in.read();
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, source.toString(), lockFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return process;
    }

    static Set<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
