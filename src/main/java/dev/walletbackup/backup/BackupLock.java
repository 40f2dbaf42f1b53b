package dev.walletbackup.backup;

import dev.walletbackup.files.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps two writers of the backup directory — backups, restores (which read it and write their first backup into
 * it), prunes, rekeys — from running at once: in this process, across processes on the machine (an OS file lock on
 * {@code .wallet-backup.lock} in the backup directory) and, on PostgreSQL, across every instance that shares the
 * store (a {@link ClusterLock}). They are taken in that order by everyone and given back in the reverse one, so two
 * waiters never hold one each. A second request waits up to the configured timeout, then fails with a message that
 * names the holder. The lock is reentrant on its thread: a restore that holds it takes its safety and first backups
 * under it, and those run on the restore's thread.
 */
public final class BackupLock {
    private static final long POLL_MILLIS = 100;
    private static final String BUSY = "another backup, restore, prune or rekey is running";

    private final Path lockFile;
    private final ClusterLock cluster;
    private final Duration timeout;
    private final Clock clock;
    private final ReentrantLock inProcess = new ReentrantLock();
    /** The OS lock while this process holds it; guarded by {@link #inProcess}. */
    private FileLock held;

    /** The lock of a store no other machine shares (embedded H2). */
    public BackupLock(Path backupDirectory, Duration timeout, Clock clock) {
        this(backupDirectory, ClusterLock.NONE, timeout, clock);
    }

    public BackupLock(Path backupDirectory, ClusterLock cluster, Duration timeout, Clock clock) {
        this.lockFile = backupDirectory.resolve(".wallet-backup.lock");
        this.cluster = cluster;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Takes the lock, waiting up to the timeout; fails naming the holder if it is still held then. */
    public void acquire() throws IOException, InterruptedException {
        String holder = take(timeout);
        if (holder != null) {
            throw new IllegalStateException(BUSY + " (" + holder + "); waited " + timeout.toSeconds()
                    + " s. Try again when it has finished.");
        }
    }

    /**
     * Takes the lock only if nobody holds it now, without waiting: whether it did. For periodic work that another
     * instance may be doing already, and that is simply skipped this time.
     */
    public boolean tryAcquire() throws IOException, InterruptedException {
        return take(Duration.ZERO) == null;
    }

    /** Takes the lock within {@code wait}: null once held, else what holds it. */
    private String take(Duration wait) throws IOException, InterruptedException {
        if (inProcess.isHeldByCurrentThread()) {
            inProcess.lock();
            return null;
        }
        Instant deadline = clock.instant().plus(wait);
        if (!inProcess.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return "it holds " + lockFile;
        }
        FileLock lock = null;
        try {
            lock = lockFile(deadline);
            if (lock == null) {
                inProcess.unlock();
                return "it holds " + lockFile;
            }
            boolean clusterHeld = cluster.tryAcquire();
            while (!clusterHeld && clock.instant().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
                clusterHeld = cluster.tryAcquire();
            }
            if (!clusterHeld) {
                String holder = "on " + cluster.holder();
                cluster.release();
                lock.channel().close();
                inProcess.unlock();
                return holder;
            }
            held = lock;
            return null;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (lock != null) {
                cluster.release();
                lock.channel().close();
            }
            inProcess.unlock();
            throw e;
        }
    }

    /** The OS lock on the lock file, polled until {@code deadline}; null if another process holds it still. */
    private FileLock lockFile(Instant deadline) throws IOException, InterruptedException {
        AtomicFiles.privateDirectory(lockFile.getParent());
        if (!Files.exists(lockFile)) {
            try {
                AtomicFiles.createPrivateFile(lockFile);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: the lock below arbitrates
            }
        }
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        try {
            FileLock lock = tryLock(channel);
            while (lock == null && clock.instant().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
                lock = tryLock(channel);
            }
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (IOException | InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether the backup directory, where the lock file lives, exists yet. */
    public boolean directoryExists() {
        return Files.isDirectory(lockFile.getParent());
    }

    /** Gives back one hold of this thread; the last one releases the cluster lock, then the OS lock. */
    public void release() throws IOException {
        if (!inProcess.isHeldByCurrentThread()) {
            return;
        }
        try {
            if (inProcess.getHoldCount() == 1) {
                FileLock lock = held;
                held = null;
                try {
                    cluster.release();
                } finally {
                    lock.channel().close();
                }
            }
        } finally {
            inProcess.unlock();
        }
    }

    /** The OS lock, or null while another process (or another application in this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }
}
