package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupLockTest {
    private static final String BUSY = "another backup, restore, prune or rekey is running";

    @TempDir
    Path backupDir;

    @Test
    void aSecondWriterFailsWithAClearMessageWhileTheFirstHoldsTheLock() throws Exception {
        BackupLock first = new BackupLock(backupDir, Duration.ZERO, Clock.systemUTC());
        BackupLock secondApplication = new BackupLock(backupDir, Duration.ZERO, Clock.systemUTC());
        first.acquire();
        try {
            assertThatThrownBy(() -> CompletableFuture.runAsync(() -> acquire(first)).join()).hasMessageContaining(BUSY);
            assertThatThrownBy(secondApplication::acquire).hasMessageContaining(BUSY)
                    .hasMessageContaining(".wallet-backup.lock");
        } finally {
            first.release();
        }
        secondApplication.acquire();
        secondApplication.release();
        assertThat(backupDir.resolve(".wallet-backup.lock")).exists();
    }

    @Test
    void theHolderTakesItAgainOnItsThreadAndOnlyItsLastReleaseGivesItBack() throws Exception {
        BackupLock restore = new BackupLock(backupDir, Duration.ZERO, Clock.systemUTC());
        BackupLock otherApplication = new BackupLock(backupDir, Duration.ZERO, Clock.systemUTC());
        restore.acquire();
        restore.acquire(); // the restore's first backup, on the restore's thread
        restore.release();
        assertThatThrownBy(otherApplication::acquire).hasMessageContaining(BUSY);
        restore.release();
        otherApplication.acquire();
        otherApplication.release();
    }

    private static void acquire(BackupLock lock) {
        try {
            lock.acquire();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
