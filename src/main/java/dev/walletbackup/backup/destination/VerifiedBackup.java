package dev.walletbackup.backup.destination;

import dev.walletbackup.backup.format.BackupManifest;
import java.nio.file.Path;

/**
 * What a destination needs of a backup run: the verified file, still under its temporary name, its final name, the
 * backup directory, and the manifest to publish last. The backup's session implements it, so destinations do not
 * depend on the pipeline that produces the file.
 */
public interface VerifiedBackup {
    Path backupDirectory();

    /** The verified file, under its temporary name until the local destination publishes it. */
    Path staged();

    String fileName();

    BackupManifest manifest();
}
