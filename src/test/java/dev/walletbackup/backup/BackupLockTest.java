package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupLockTest {
    @TempDir
    Path backupDir;

    @Test
    void aSecondBackupFailsWithAClearMessageWhileTheFirstHoldsTheLock() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            BackupLock first = new BackupLock(backupDir, Duration.ZERO, Clock.systemUTC());
            BackupLock secondApplication = new BackupLock(backupDir, Duration.ZERO, Clock.systemUTC());
            Exchange holder = new DefaultExchange(context);
            first.acquire(holder);
            try {
                Exchange waiting = new DefaultExchange(context);
                assertThatThrownBy(() -> CompletableFuture.runAsync(() -> acquire(first, waiting)).join())
                        .hasMessageContaining("another backup is running");
                assertThatThrownBy(() -> secondApplication.acquire(new DefaultExchange(context)))
                        .hasMessageContaining("another backup is running").hasMessageContaining(".wallet-backup.lock");
            } finally {
                first.release(holder);
            }
            Exchange next = new DefaultExchange(context);
            secondApplication.acquire(next);
            secondApplication.release(next);
            assertThat(backupDir.resolve(".wallet-backup.lock")).exists();
        }
    }

    private static void acquire(BackupLock lock, Exchange exchange) {
        try {
            lock.acquire(exchange);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
