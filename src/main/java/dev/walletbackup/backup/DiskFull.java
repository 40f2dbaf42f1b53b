package dev.walletbackup.backup;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.routes.ExchangeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * A backup that fails because its file system is full says so in the operator's terms: which file, about how much
 * room a backup needs (the newest full's size, or what was written before the disk filled up) and how much is free.
 * What it wrote is removed by the pipeline's clean-up either way; any other failure passes through unchanged.
 */
public final class DiskFull {
    private static final String NO_SPACE = "No space left on device";

    private final Path backupDirectory;
    private final BackupCatalog catalog;

    public DiskFull(Path backupDirectory, BackupCatalog catalog) {
        this.backupDirectory = backupDirectory;
        this.catalog = catalog;
    }

    public void explain(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                        @ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session) throws Exception {
        if (!isNoSpace(failure)) {
            throw failure;
        }
        Path file = session == null ? backupDirectory : session.staged();
        long written = session != null && Files.exists(session.staged()) ? Files.size(session.staged()) : 0;
        Optional<CatalogEntry> lastFull = catalog.newestOfType(BackupType.FULL);
        String needed = lastFull.isPresent() && lastFull.get().bytes() > written
                ? "needs about " + megabytes(lastFull.get().bytes()) + ", the size of the last full backup"
                : "needs more than the " + megabytes(written) + " written";
        long free = Files.getFileStore(backupDirectory).getUsableSpace();
        throw new IOException(NO_SPACE + " writing " + file + " (" + needed + "; " + megabytes(free) + " free). "
                + "Make room in the backup directory or set WALLET_BACKUP_PATH to a larger file system, then run the "
                + "backup again", failure);
    }

    private static boolean isNoSpace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && cause.getMessage() != null && cause.getMessage().contains(NO_SPACE)) {
                return true;
            }
        }
        return false;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
