package dev.walletbackup.backup.destination;

import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.routes.ExchangeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * The local backup directory, written through Camel's {@code file:} endpoint (route backup-destination-local). The
 * endpoint publishes each file by renaming a staged file that is already complete, fsynced and verified (its local
 * work file): through {@code .NAME.part} ({@code tempFileName}) to its name, refusing a name that exists
 * ({@code fileExist=Fail}), mode 0600. What the endpoint does not do is here: staging the manifest with fsync, and
 * fsyncing the directory after each rename, so that the manifest — last — is never durable before its file. It is
 * the first destination; the others copy the file it published.
 */
public final class LocalDirectoryDestination {
    public static final String NAME = "local";
    private final Clock clock;

    public LocalDirectoryDestination(Clock clock) {
        this.clock = clock;
    }

    /** Hands the verified staged file to the file endpoint, which renames it to the backup's name. */
    public void prepareFile(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) VerifiedBackup backup,
                            Message message) {
        handOver(message, backup.staged(), backup.backupDirectory().resolve(backup.fileName()));
    }

    /**
     * Makes the published file's rename durable, then stages the manifest (written and fsynced) for the file
     * endpoint to publish, last.
     */
    public void prepareManifest(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) VerifiedBackup backup,
                                Message message) throws IOException {
        AtomicFiles.syncDirectory(backup.backupDirectory());
        String name = BackupManifest.manifestNameFor(backup.fileName());
        Path staged = backup.backupDirectory().resolve(BackupFileName.stagedFor(name));
        AtomicFiles.writePrivately(staged, backup.manifest().toJson());
        handOver(message, staged, backup.backupDirectory().resolve(name));
    }

    /**
     * Makes the manifest's rename durable and proves both writes: the file has the size its manifest records, and
     * the manifest reads back as written.
     */
    public DestinationOutcome published(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) VerifiedBackup backup)
            throws IOException {
        Path directory = backup.backupDirectory();
        AtomicFiles.syncDirectory(directory);
        Path file = directory.resolve(backup.fileName());
        Path manifest = directory.resolve(BackupManifest.manifestNameFor(backup.fileName()));
        if (Files.size(file) != backup.manifest().bytes()) {
            throw new BackupFormatException(file + ": published with " + Files.size(file) + " bytes, its manifest records "
                    + backup.manifest().bytes());
        }
        if (!Arrays.equals(Files.readAllBytes(manifest), backup.manifest().toJson())) {
            throw new BackupFormatException(manifest + ": reads back different from what was written");
        }
        return DestinationOutcome.stored(NAME, file.toString(), 1, clock.instant());
    }

    /**
     * The manifest could not be published (a full disk while staging it, most likely): the file just published
     * without it is not a backup, so it is removed, and the failure goes on to the caller.
     */
    public void withdrawFile(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) VerifiedBackup backup,
                             @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) throws Exception {
        Files.deleteIfExists(backup.backupDirectory().resolve(backup.fileName()));
        AtomicFiles.syncDirectory(backup.backupDirectory());
        throw failure;
    }

    /**
     * After a backup run, whatever happened: removes the run's staged manifest and what the file endpoint may have
     * left between its two renames. Each name is made from the run's time and random id, so none is another's.
     */
    public void removeTemporaries(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) VerifiedBackup backup)
            throws IOException {
        if (backup == null) {
            return;
        }
        Path directory = backup.backupDirectory();
        for (String name : new String[] {backup.fileName(), BackupManifest.manifestNameFor(backup.fileName())}) {
            Files.deleteIfExists(directory.resolve(BackupFileName.stagedFor(name)));
            Files.deleteIfExists(directory.resolve(BackupFileName.publishingFor(name)));
        }
    }

    /** The file endpoint's directory is the root, so each file is named by its path from there. */
    private static void handOver(Message message, Path staged, Path target) {
        Path absolute = target.toAbsolutePath();
        message.setBody(staged.toFile());
        message.setHeader(Exchange.FILE_NAME, absolute.getRoot().relativize(absolute).toString());
        message.setHeader(Exchange.FILE_LOCAL_WORK_PATH, staged.toString());
    }
}
