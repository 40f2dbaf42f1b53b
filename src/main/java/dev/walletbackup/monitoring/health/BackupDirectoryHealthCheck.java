package dev.walletbackup.monitoring.health;

import dev.walletbackup.backup.catalog.BackupCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The backup directory is a directory this process may write to (or, before the first backup, its nearest existing
 * parent is, so that the first backup can create it). Asked of the file system, not of the permission bits, so
 * that a read-only mount counts even for root. A directory that is gone while the catalog lists backups made in it
 * was moved or unmounted: that is DOWN, though the next backup could create an empty one.
 */
public final class BackupDirectoryHealthCheck extends WalletHealthCheck {
    private final Path directory;
    private final BackupCatalog catalog;

    public BackupDirectoryHealthCheck(Path directory, BackupCatalog catalog) {
        super("backup-directory");
        this.directory = directory.toAbsolutePath();
        this.catalog = catalog;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("directory", directory.toString());
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != directory && catalog.newest().isPresent()) {
            builder.down().message("backup directory " + directory + " is gone, though the catalog lists backups made "
                    + "in it (moved or unmounted?)");
        } else if (existing == null || !Files.isDirectory(existing)) {
            builder.down().message("backup directory " + directory + (directory.equals(existing) ? "" : ": " + existing)
                    + " is not a directory");
        } else if (!Files.isWritable(existing)) {
            builder.down().message("backup directory " + existing + " is not writable");
        } else {
            builder.up();
        }
    }
}
