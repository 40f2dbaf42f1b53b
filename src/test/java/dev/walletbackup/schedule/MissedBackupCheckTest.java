package dev.walletbackup.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.config.CronSchedule;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On the shared (clustered) scheduler a slot that fired is skipped once a backup of its kind exists from its time
 * on — made by the catch-up, or by the same slot reaching another instance; on the in-memory scheduler every slot runs.
 */
class MissedBackupCheckTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSlotIsTakenByABackupOfItsKindMadeFromItsTimeOn(Kind kind) throws Exception {
        try (RunningApplication app = RunningApplication.start(kind, dataDir,
                Map.of(WalletConfig.SCHEDULE_ENABLED, "false"), Clock.systemUTC()).withHardhatSeed(2)) {
            BackupReport full = app.backup("full");
            Instant made = Instant.parse(full.createdAt());
            BackupCatalog catalog = new BackupCatalog(app.services().store());
            CronSchedule hourly = CronSchedule.parse("0 * * * *");
            MissedBackupCheck shared = new MissedBackupCheck(catalog, hourly, hourly, true, Clock.systemUTC());
            MissedBackupCheck inMemory = new MissedBackupCheck(catalog, hourly, hourly, false, Clock.systemUTC());

            Date slotBefore = Date.from(made.minusSeconds(1));
            Date slotAfter = Date.from(made.plusSeconds(1));
            assertThat(shared.slotOpen(slotBefore, "full")).isFalse();
            assertThat(shared.slotOpen(slotBefore, "incremental")).as("a full takes an incremental slot").isFalse();
            assertThat(shared.slotOpen(slotAfter, "full")).isTrue();
            assertThat(inMemory.slotOpen(slotBefore, "full")).isTrue();

            app.backup("incremental");
            assertThat(shared.slotOpen(slotBefore, "full")).isFalse();
            assertThat(shared.slotOpen(slotAfter, "full")).as("an incremental does not take a full slot").isTrue();
        }
    }
}
