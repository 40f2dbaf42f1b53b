package dev.walletbackup.backup;

import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.routes.ExchangeProperties;
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
import org.apache.camel.Exchange;

/**
 * Keeps two backups from running at once, in this process and across processes on the machine (an OS file lock
 * on {@code .wallet-backup.lock} in the backup directory). A second request waits up to the configured timeout,
 * then fails with a message that says so.
 */
public final class BackupLock {
    private static final long POLL_MILLIS = 100;

    private final Path lockFile;
    private final Duration timeout;
    private final Clock clock;
    private final ReentrantLock inProcess = new ReentrantLock();

    public BackupLock(Path backupDirectory, Duration timeout, Clock clock) {
        this.lockFile = backupDirectory.resolve(".wallet-backup.lock");
        this.timeout = timeout;
        this.clock = clock;
    }

    public void acquire(Exchange exchange) throws IOException, InterruptedException {
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
            exchange.setProperty(ExchangeProperties.BACKUP_LOCK, lock);
        } catch (IOException | InterruptedException | RuntimeException e) {
            inProcess.unlock();
            throw e;
        }
    }

    public void release(Exchange exchange) throws IOException {
        FileLock lock = exchange.getProperty(ExchangeProperties.BACKUP_LOCK, FileLock.class);
        if (lock != null) {
            exchange.removeProperty(ExchangeProperties.BACKUP_LOCK);
            lock.channel().close();
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
        return new IllegalStateException("another backup is running (it holds " + lockFile + "); waited "
                + timeout.toSeconds() + " s. Try again when it has finished.");
    }
}
