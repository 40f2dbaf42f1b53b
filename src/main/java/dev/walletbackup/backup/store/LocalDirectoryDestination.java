package dev.walletbackup.backup.store;

import dev.walletbackup.backup.BackupSession;
import dev.walletbackup.backup.catalog.DestinationOutcome;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.camel.ExchangeProperty;

/**
 * The local backup directory: publishes the verified staged file under its final name (atomic rename, never
 * overwriting) and then writes its manifest, last.
 */
public final class LocalDirectoryDestination {
    public static final String NAME = "local";

    public DestinationOutcome store(@ExchangeProperty(BackupSession.PROPERTY) BackupSession session) throws IOException {
        Path target = session.backupDirectory().resolve(session.fileName());
        AtomicFiles.publish(session.staged(), target);
        session.manifest().writeBeside(target);
        return DestinationOutcome.stored(NAME, target.toString());
    }
}
