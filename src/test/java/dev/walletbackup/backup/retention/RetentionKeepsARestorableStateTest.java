package dev.walletbackup.backup.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.config.RetentionSettings;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the newest full is damaged after it was written, retention keeps the newest backup whose whole chain still
 * verifies — an older full and its incrementals, the last restorable state — and names the damaged one, instead of
 * keeping the older full alone and removing the incrementals that were the only way back to the later state.
 */
class RetentionKeepsARestorableStateTest {
    @TempDir
    Path temp;

    @Test
    void aDamagedNewestFullNeverCostsTheLastChainThatRestores() throws Exception {
        try (RunningApplication app = RunningApplication.start(Kind.H2, temp, Map.of(WalletConfig.SCHEDULE_ENABLED,
                "false"), Clock.systemUTC()).withHardhatSeed(2)) {
            BackupReport olderFull = app.backup("full");
            app.services().wallets().createMany(1, "second-");
            BackupReport firstIncremental = app.backup("incremental");
            app.services().wallets().createMany(1, "third-");
            BackupReport secondIncremental = app.backup("incremental");
            BackupReport damagedFull = app.backup("full");
            try (RandomAccessFile file = new RandomAccessFile(
                    app.backupDirectory().resolve(damagedFull.fileName()).toFile(), "rw")) {
                file.seek(file.length() - 40);
                int value = file.read();
                file.seek(file.length() - 40);
                file.write(value ^ 0xff);
            }

            PruneReport report = BackupPruner.create(new BackupCatalog(app.services().store()), app.backupDirectory(),
                    new RetentionSettings(0, 0, 0, 0), null, null, null, new SimpleMeterRegistry(), Clock.systemUTC())
                    .prune(new PruneRequest(new RetentionSettings(1, 0, 0, 0), true));

            assertThat(report.removed()).isEmpty();
            assertThat(report.kept()).extracting(PruneReport.Kept::id).containsExactlyInAnyOrder(damagedFull.id(),
                    secondIncremental.id(), firstIncremental.id(), olderFull.id());
            assertThat(report.kept()).filteredOn(kept -> kept.id().equals(secondIncremental.id())).singleElement()
                    .satisfies(kept -> assertThat(kept.reasons()).containsExactly(RetentionPlanner.NEWEST_RESTORABLE));
            assertThat(report.notes()).singleElement().asString()
                    .startsWith("backup " + damagedFull.id() + " does not verify (");
        }
    }
}
