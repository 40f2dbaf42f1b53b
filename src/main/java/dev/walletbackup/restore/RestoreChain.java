package dev.walletbackup.restore;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupManifest;
import java.util.List;

/** The backups a restore applies, in order: a full, then each incremental up to the target. */
public record RestoreChain(BackupDirectory directory, List<BackupManifest> members) {

    public BackupManifest target() {
        return members.get(members.size() - 1);
    }

    public List<String> ids() {
        return members.stream().map(BackupManifest::id).toList();
    }
}
