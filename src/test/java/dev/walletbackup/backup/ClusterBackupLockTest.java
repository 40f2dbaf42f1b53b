package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.PostgresSessions;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On PostgreSQL the backup lock spans every instance that shares the store — two instances here, each with a backup
 * directory of its own, as on two hosts — through a session-level advisory lock that PostgreSQL gives back when the
 * holder's session ends. On the embedded H2 store it stays the file lock of the backup directory.
 */
class ClusterBackupLockTest {
    private static final String BUSY = "another backup, restore, prune or rekey is running";
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path temp;

    WalletConfig store;

    void postgres() {
        store = TestStores.config(Kind.POSTGRESQL, temp.resolve("data"));
    }

    PostgresSessions sessions() {
        return PostgresSessions.of(store);
    }

    BackupLock instance(String name, Duration timeout) {
        return new BackupLock(temp.resolve(name), new PostgresAdvisoryLock(store.dbUrl(), store.dbUser(),
                store.dbPassword(), name), timeout, Clock.systemUTC());
    }

    @Test
    void anInstanceWithItsOwnBackupDirectoryWaitsInVainForTheOtherAndIsToldWhoHoldsTheLock() throws Exception {
        postgres();
        BackupLock first = instance("node-a", SHORT);
        BackupLock second = instance("node-b", SHORT);
        first.acquire();
        try {
            assertThat(sessions().backupLockHolders()).containsExactly("node-a");
            Instant start = Instant.now();
            assertThatThrownBy(second::acquire).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(BUSY).hasMessageContaining("on node-a")
                    .hasMessageContaining("PostgreSQL advisory lock " + PostgresAdvisoryLock.KEY)
                    .hasMessageContaining("waited 0 s. Try again when it has finished");
            assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(SHORT);
            assertThat(second.tryAcquire()).isFalse();
        } finally {
            first.release();
        }
        assertThat(sessions().backupLockHolders()).isEmpty();
        second.acquire();
        assertThat(sessions().backupLockHolders()).containsExactly("node-b");
        second.release();
    }

    @Test
    void theHolderTakesItAgainOnItsThreadAndOnlyItsLastReleaseGivesItBackToTheCluster() throws Exception {
        postgres();
        BackupLock restore = instance("node-a", SHORT);
        BackupLock otherInstance = instance("node-b", Duration.ZERO);
        restore.acquire();
        restore.acquire(); // the restore's first backup, on the restore's thread
        restore.release();
        assertThat(sessions().backupLockHolders()).containsExactly("node-a");
        assertThat(otherInstance.tryAcquire()).isFalse();
        restore.release();
        assertThat(otherInstance.tryAcquire()).isTrue();
        otherInstance.release();
    }

    @Test
    void aWaitingInstanceTakesTheLockAsSoonAsTheHolderGivesItBack() throws Exception {
        postgres();
        BackupLock first = instance("node-a", SHORT);
        BackupLock second = instance("node-b", Duration.ofSeconds(60));
        ExecutorService otherThread = Executors.newSingleThreadExecutor();
        try {
            first.acquire();
            Future<?> waiting = otherThread.submit(() -> acquire(second));
            try {
                // its session is open and asking: it is inside acquire, polling
                await(() -> sessions().applicationNames().contains("node-b"));
                assertThat(waiting).isNotDone();
            } finally {
                first.release();
            }
            waiting.get(30, TimeUnit.SECONDS);
            assertThat(sessions().backupLockHolders()).containsExactly("node-b");
            otherThread.submit(() -> release(second)).get(30, TimeUnit.SECONDS);
            assertThat(sessions().backupLockHolders()).isEmpty();
        } finally {
            otherThread.shutdownNow();
        }
    }

    @Test
    void theServerGivesTheLockBackWhenTheHoldersSessionDies() throws Exception {
        postgres();
        BackupLock dying = instance("node-a", SHORT);
        BackupLock survivor = instance("node-b", Duration.ofSeconds(30));
        dying.acquire();
        try (Connection admin = sessions().connect();
             PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     + " WHERE application_name = 'node-a'")) {
            kill.executeQuery().close();
        }
        survivor.acquire();
        assertThat(sessions().backupLockHolders()).containsExactly("node-b");
        survivor.release();
        dying.release();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theServicesLockSpansTheStoreOnPostgresqlAndTheMachineOnH2(Kind kind) throws Exception {
        Path dataDir = temp.resolve("service");
        try (RunningApplication app = RunningApplication.start(kind, dataDir,
                Map.of(WalletConfig.SCHEDULE_ENABLED, "false"), Clock.systemUTC())) {
            store = app.services().config();
            BackupLock lock = app.context().getRegistry().lookupByNameAndType("backupLock", BackupLock.class);
            BackupLock sameDirectory = new BackupLock(app.backupDirectory(), Duration.ZERO, Clock.systemUTC());
            lock.acquire();
            try {
                assertThatThrownBy(sameDirectory::acquire).hasMessageContaining(BUSY)
                        .hasMessageContaining(".wallet-backup.lock");
                if (kind == Kind.POSTGRESQL) {
                    assertThat(sessions().backupLockHolders()).singleElement().asString()
                            .startsWith("wallet-backup@").contains(" pid " + ProcessHandle.current().pid());
                    assertThat(instance("elsewhere", Duration.ZERO).tryAcquire()).isFalse();
                }
            } finally {
                lock.release();
            }
            assertThat(sameDirectory.tryAcquire()).isTrue();
            sameDirectory.release();
        }
    }

    /** A condition on real state, read again until it holds. */
    interface Check {
        boolean holds() throws Exception;
    }

    static void await(Check condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(condition::holds);
    }

    static void acquire(BackupLock lock) {
        try {
            lock.acquire();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static void release(BackupLock lock) {
        try {
            lock.release();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
