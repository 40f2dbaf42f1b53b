package dev.walletbackup.backup.destination;

import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.routes.ExchangeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.ExchangeProperty;

/**
 * The local backup directory: publishes the verified staged file under its final name (atomic rename, never
 * overwriting) and then writes its manifest, last. It is the first destination; the others copy from it.
 */
public final class LocalDirectoryDestination {
    public static final String NAME = "local";
    private final Clock clock;

    public LocalDirectoryDestination(Clock clock) {
        this.clock = clock;
    }

    public DestinationOutcome store(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) VerifiedBackup backup)
            throws IOException {
        Path target = backup.backupDirectory().resolve(backup.fileName());
        AtomicFiles.publish(backup.staged(), target);
        try {
            backup.manifest().writeBeside(target);
        } catch (IOException | RuntimeException e) {
            // without its manifest the file is not a backup (a full disk, most likely): leave nothing half-made
            Files.deleteIfExists(target);
            throw e;
        }
        return DestinationOutcome.stored(NAME, target.toString(), 1, clock.instant());
    }
}
