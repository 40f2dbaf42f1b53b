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
 * it), prunes, rekeys — from running at once, in this process and across processes on the machine (an OS file lock
 * on {@code .wallet-backup.lock} in the backup directory). A second request waits up to the configured timeout,
 * then fails with a message that says so. The lock is reentrant on its thread: a restore that holds it takes its
 * safety and first backups under it, and those run on the restore's thread.
 */
public final class BackupLock {
    private static final long POLL_MILLIS = 100;

    private final Path lockFile;
    private final Duration timeout;
    private final Clock clock;
    private final ReentrantLock inProcess = new ReentrantLock();
    /** The OS lock while this process holds it; guarded by {@link #inProcess}. */
    private FileLock held;

    public BackupLock(Path backupDirectory, Duration timeout, Clock clock) {
        this.lockFile = backupDirectory.resolve(".wallet-backup.lock");
        this.timeout = timeout;
        this.clock = clock;
    }

    public void acquire() throws IOException, InterruptedException {
        if (inProcess.isHeldByCurrentThread()) {
            inProcess.lock();
            return;
        }
        Instant deadline = clock.instant().plus(timeout);
        if (!inProcess.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw busy();
        }
        try {
            AtomicFiles.privateDirectory(lockFile.getParent());
            if (!Files.exists(lockFile)) {
                try {
                    AtomicFiles.createPrivateFile(lockFile);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: the lock below arbitrates
                }
            }
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            while (lock == null && clock.instant().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
                lock = tryLock(channel);
            }
            if (lock == null) {
                channel.close();
                throw busy();
            }
            held = lock;
        } catch (IOException | InterruptedException | RuntimeException e) {
            inProcess.unlock();
            throw e;
        }
    }

    /** Whether the backup directory, where the lock file lives, exists yet. */
    public boolean directoryExists() {
        return Files.isDirectory(lockFile.getParent());
    }

    /** Gives back one hold of this thread; the last one releases the OS lock. */
    public void release() throws IOException {
        if (!inProcess.isHeldByCurrentThread()) {
            return;
        }
        try {
            if (inProcess.getHoldCount() == 1) {
                FileLock lock = held;
                held = null;
                lock.channel().close();
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

    private IllegalStateException busy() {
        return new IllegalStateException("another backup, restore, prune or rekey is running (it holds " + lockFile
                + "); waited " + timeout.toSeconds() + " s. Try again when it has finished.");
    }
}
