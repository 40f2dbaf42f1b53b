package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupManifest;

/** Told as a restore applies each backup of its chain inside the still-open transaction. */
@FunctionalInterface
public interface RestoreObserver {
    RestoreObserver NONE = applied -> { };

    void applied(BackupManifest backup);
}
