package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupManifest;

/** Told as a restore applies each backup of its chain inside the still-open transaction. */
@FunctionalInterface
public interface RestoreObserver {
    RestoreObserver NONE = applied -> { };

    /** Before {@code backup}'s file is opened to be applied (its size, SHA-256 and header were checked already). */
    default void applying(BackupManifest backup) {
    }

    void applied(BackupManifest backup);
}
