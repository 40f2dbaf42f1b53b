package dev.walletbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.backup.BackupLock;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore — a dry run (what a drill is) and a restore to an earlier point, which takes its first backup on its own
 * thread — holds the backup lock while it applies its chain, so that another process's prune, rekey or backup
 * waits for it; and gives it back when it ends.
 */
class RestoreHoldsTheBackupLockTest {
    private static final Map<String, String> NO_SCHEDULES = Map.of(WalletConfig.SCHEDULE_ENABLED, "false");

    @TempDir
    Path temp;

    @Test
    void anotherWriterOfTheBackupDirectoryWaitsForARestoreToEnd() throws Exception {
        Path source;
        String earlier;
        try (RunningApplication origin = RunningApplication.start(Kind.H2, temp.resolve("origin"), NO_SCHEDULES,
                Clock.systemUTC()).withHardhatSeed(2)) {
            earlier = origin.backup("full").id();
            origin.services().wallets().createMany(1, "later-");
            origin.backup("incremental");
            source = origin.backupDirectory();
        }
        WalletConfig target = TestStores.config(Kind.H2, temp.resolve("target")).with(NO_SCHEDULES);
        // an installation whose backup directory exists (one that does not holds nothing to protect)
        Files.createDirectories(target.backupPath());
        BackupLock otherProcess = new BackupLock(target.backupPath(), Duration.ZERO, Clock.systemUTC());
        List<String> seenWhileApplying = new ArrayList<>();
        RestoreObserver tryTheLock = applied -> {
            try {
                otherProcess.acquire();
                otherProcess.release();
                seenWhileApplying.add("free");
            } catch (Exception busy) {
                seenWhileApplying.add(busy.getMessage());
            }
        };
        try (RunningApplication app = RunningApplication.startObservingRestores(target, Clock.systemUTC(), tryTheLock);
             ProducerTemplate producer = app.context().createProducerTemplate()) {
            producer.requestBody("direct:restore", new RestoreRequest(source.toString(), null, null, true, false));
            RestoreReport pointInTime = producer.requestBody("direct:restore",
                    new RestoreRequest(source.toString(), earlier, null, false, false), RestoreReport.class);
            assertThat(pointInTime.firstBackupId()).as("the restore's own backup took the lock again").isNotNull();
        }
        assertThat(seenWhileApplying).hasSize(3).allSatisfy(seen ->
                assertThat(seen).startsWith("another backup, restore, prune or rekey is running"));
        otherProcess.acquire();
        otherProcess.release();
    }
}
