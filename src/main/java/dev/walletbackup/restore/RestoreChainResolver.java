package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.backup.store.BackupDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Finds what to restore: the target (the newest backup, a named one, or the newest at or before an instant) and
 * the chain that leads to it, every link present and continuous. A gap is reported with what the operator can do.
 */
public final class RestoreChainResolver {

    public RestoreChain resolve(BackupDirectory directory, String backupId, Instant at) {
        List<BackupManifest> all = directory.manifests();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("there are no backups in " + directory.directory());
        }
        BackupManifest target;
        if (backupId != null) {
            target = directory.find(backupId).orElseThrow(() -> new dev.walletbackup.NotFoundException(
                    "no backup " + backupId + " in " + directory.directory() + " (no manifest names it)"));
        } else if (at != null) {
            target = all.stream().filter(manifest -> !manifest.createdInstant().isAfter(at))
                    .reduce((older, newer) -> newer)
                    .orElseThrow(() -> new IllegalArgumentException("no backup in " + directory.directory()
                            + " was made at or before " + at));
        } else {
            target = all.get(all.size() - 1);
        }
        List<BackupManifest> chain = new ArrayList<>();
        BackupManifest current = target;
        while (true) {
            chain.add(current);
            if (current.type() == BackupType.FULL) {
                break;
            }
            BackupManifest child = current;
            Optional<BackupManifest> parent = directory.find(child.parentId());
            if (parent.isEmpty()) {
                String lastComplete = lastCompleteBefore(directory, child);
                throw new BackupFormatException("resolve chain: backup " + child.parentId() + " is missing from "
                        + directory.directory() + " but " + child.id() + " builds on it. Restore to "
                        + (lastComplete == null ? "an earlier complete backup" : "--backup " + lastComplete
                        + ", the last complete point,") + " or recover " + child.parentId());
            }
            if (parent.get().highWaterMark() != child.sinceHighWaterMark()
                    || !parent.get().seedFingerprint().equals(child.seedFingerprint())) {
                throw new BackupFormatException("resolve chain: backup " + child.id() + " does not continue "
                        + parent.get().id() + " (high-water marks or installations differ)");
            }
            current = parent.get();
        }
        Collections.reverse(chain);
        return new RestoreChain(directory, List.copyOf(chain));
    }

    /** The newest backup before {@code broken} whose own chain is complete, to suggest as a restore point. */
    private static String lastCompleteBefore(BackupDirectory directory, BackupManifest broken) {
        String answer = null;
        for (BackupManifest candidate : directory.manifests()) {
            if (candidate.highWaterMark() >= broken.highWaterMark()) {
                break;
            }
            if (isComplete(directory, candidate)) {
                answer = candidate.id();
            }
        }
        return answer;
    }

    private static boolean isComplete(BackupDirectory directory, BackupManifest manifest) {
        BackupManifest current = manifest;
        while (current.type() == BackupType.INCREMENTAL) {
            Optional<BackupManifest> parent = directory.find(current.parentId());
            if (parent.isEmpty()) {
                return false;
            }
            current = parent.get();
        }
        return true;
    }
}
