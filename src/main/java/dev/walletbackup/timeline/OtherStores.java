package dev.walletbackup.timeline;

import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.Timeline;
import java.util.Comparator;
import java.util.List;

/**
 * Another store of the same installation backing up into the same directory: a backup of another timeline made
 * after this store's timeline started — a restore elsewhere that went on, or an old machine that kept running
 * after this store was restored. Two stores of one seed hand out the same derivation indices, so agents of the two
 * would share addresses; the operator must keep one.
 */
public final class OtherStores {
    private OtherStores() {
    }

    /**
     * The warning for the store whose timeline is {@code ours}, given the backups of its installation in the
     * directory {@code location}, or null when no other store shows.
     */
    public static String warning(List<BackupManifest> installation, Timeline ours, String location) {
        return installation.stream()
                .filter(backup -> backup.timeline() != null && !backup.timeline().id().equals(ours.id()))
                .filter(backup -> backup.createdInstant().isAfter(ours.startedInstant()))
                .max(Comparator.comparing(BackupManifest::createdInstant))
                .map(other -> "another store of installation " + other.seedFingerprint() + " backs up into "
                        + location + ": its backup " + other.id() + " of " + other.createdAt() + " (timeline "
                        + other.timeline().describe() + ") was made after this store's timeline " + ours.id()
                        + " started (" + ours.startedAt() + "). Two stores of one seed hand out the same derivation "
                        + "indices, so their agents' new wallets may share addresses: keep one store and stop the "
                        + "other (if it was a restore drill, delete its backups)")
                .orElse(null);
    }
}
