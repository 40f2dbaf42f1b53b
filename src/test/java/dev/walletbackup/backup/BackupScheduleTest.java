package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;

/** Quartz triggers and the start-up catch-up, observed with NotifyBuilder on the real application. */
class BackupScheduleTest {
    static final String NEVER_SOON = "0 0 0 1 1 ? 2099";

    @TempDir
    Path dataDir;

    @Test
    void aNearQuartzCronMakesABackup() throws Exception {
        Map<String, String> schedules = Map.of(WalletConfig.FULL_SCHEDULE, "0/1 * * * * ?",
                WalletConfig.INCREMENTAL_SCHEDULE, NEVER_SOON);
        try (RunningApplication app = RunningApplication.start(Kind.H2, dataDir, Map.of(WalletConfig.SCHEDULE_ENABLED, "false"), Clock.systemUTC())) {
            app.withHardhatSeed(5);
        }
        AtomicReference<NotifyBuilder> scheduled = new AtomicReference<>();
        try (RunningApplication app = RunningApplication.startOn(TestStores.config(Kind.H2, dataDir).with(schedules),
                Clock.systemUTC(), context -> scheduled.set(triggered(context, "backup-full-schedule")))) {
            assertThat(scheduled.get().matches(30, TimeUnit.SECONDS)).as("the Quartz trigger made a backup").isTrue();
            assertThat(manifests(app.backupDirectory())).isNotEmpty();
            assertThat(new BackupCatalog(app.services().store()).list()).allMatch(entry -> entry.type() == BackupType.FULL);
        }
    }

    @Test
    void missedSlotsRunOnceAtStartUpNotOncePerSlot() throws Exception {
        Map<String, String> daily = Map.of(WalletConfig.FULL_SCHEDULE, NEVER_SOON, WalletConfig.INCREMENTAL_SCHEDULE, "0 0 * * *",
                WalletConfig.SCHEDULE_ENABLED, "false");
        try (RunningApplication app = RunningApplication.start(Kind.H2, dataDir, daily, Clock.systemUTC())) {
            app.withHardhatSeed(5);
            app.backup("full");
        }
        Map<String, String> enabled = Map.of(WalletConfig.FULL_SCHEDULE, NEVER_SOON, WalletConfig.INCREMENTAL_SCHEDULE, "0 0 * * *");
        Clock threeDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(3));
        AtomicReference<NotifyBuilder> caughtUp = new AtomicReference<>();
        try (RunningApplication app = RunningApplication.startOn(TestStores.config(Kind.H2, dataDir).with(enabled),
                threeDaysLater, context -> caughtUp.set(triggered(context, "backup-catch-up")))) {
            assertThat(caughtUp.get().matches(30, TimeUnit.SECONDS)).isTrue();
            List<CatalogEntry> catalog = new BackupCatalog(app.services().store()).list();
            assertThat(catalog).extracting(CatalogEntry::type).containsExactly(BackupType.FULL, BackupType.INCREMENTAL);
        }
        try (RunningApplication app = RunningApplication.startOn(TestStores.config(Kind.H2, dataDir).with(enabled),
                threeDaysLater, context -> caughtUp.set(triggered(context, "backup-catch-up")))) {
            assertThat(caughtUp.get().matches(30, TimeUnit.SECONDS)).isTrue();
            assertThat(new BackupCatalog(app.services().store()).list()).as("nothing was missed since").hasSize(2);
        }
    }

    @Test
    void aStoreWithoutAnyBackupGetsAFullOneAtStartUp() throws Exception {
        try (RunningApplication app = RunningApplication.start(Kind.H2, dataDir, Map.of(WalletConfig.SCHEDULE_ENABLED, "false"), Clock.systemUTC())) {
            app.withHardhatSeed(2);
        }
        Map<String, String> weekly = Map.of(WalletConfig.FULL_SCHEDULE, "0 0 * * 0", WalletConfig.INCREMENTAL_SCHEDULE, "0 0 * * *");
        AtomicReference<NotifyBuilder> caughtUp = new AtomicReference<>();
        try (RunningApplication app = RunningApplication.startOn(TestStores.config(Kind.H2, dataDir).with(weekly),
                Clock.systemUTC(), context -> caughtUp.set(triggered(context, "backup-catch-up")))) {
            assertThat(caughtUp.get().matches(30, TimeUnit.SECONDS)).isTrue();
            assertThat(new BackupCatalog(app.services().store()).list()).extracting(CatalogEntry::type)
                    .containsExactly(BackupType.FULL);
        }
    }

    @Test
    void theMisfireSettingReachesBothBackupTriggers() throws Exception {
        try (RunningApplication app = RunningApplication.start(Kind.H2, dataDir, Map.of(WalletConfig.SCHEDULE_ENABLED, "false"), Clock.systemUTC())) {
            app.withHardhatSeed(2);
            app.backup("full");
        }
        Map<String, String> skipping = Map.of(WalletConfig.FULL_SCHEDULE, NEVER_SOON, WalletConfig.INCREMENTAL_SCHEDULE,
                NEVER_SOON, WalletConfig.SCHEDULE_MISFIRE, "skip");
        AtomicReference<NotifyBuilder> caughtUp = new AtomicReference<>();
        try (RunningApplication app = RunningApplication.startOn(TestStores.config(Kind.H2, dataDir).with(skipping),
                Clock.systemUTC(), context -> caughtUp.set(triggered(context, "backup-catch-up")))) {
            assertThat(caughtUp.get().matches(30, TimeUnit.SECONDS)).isTrue();
            Scheduler quartz = app.context().getComponent("quartz", QuartzComponent.class).getScheduler();
            for (String trigger : List.of("full", "incremental")) {
                assertThat(quartz.getTrigger(TriggerKey.triggerKey(trigger, "wallet-backup")).getMisfireInstruction())
                        .as(trigger).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
            }
        }
    }

    /**
     * Notifies when the first exchange the trigger route created is done, the whole backup with it; the split and
     * multicast copies made along the way are created later and do not count.
     */
    static NotifyBuilder triggered(CamelContext context, String routeId) {
        return new NotifyBuilder(context).fromRoute(routeId).whenDoneByIndex(0).create();
    }

    static List<Path> manifests(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".manifest.json")).toList();
        }
    }
}
