package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.DataKeys;
import dev.walletbackup.backup.store.BackupDirectory;
import dev.walletbackup.crypto.WrongPasswordException;
import java.io.InputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The highest index reservation that any backup of the installation in a source authenticates, every timeline
 * included (docs/backup-format.md, section 11): a point-in-time restore brings back an older state, and the wallets
 * of the newer backups — or of an abandoned timeline — may hold funds. Manifests only point at candidates: a backup
 * whose manifest claims more than what is proven so far has its header authenticated with the password (one key
 * derivation, no chunk read) before its value counts. Claims are taken largest first, so usually one file is opened.
 *
 * @param highest    the highest authenticated reservation, -1 when no backup carries one (format version 1)
 * @param fromBackup the backup it comes from, or null
 * @param ignored    claims that did not authenticate, in words
 */
public record SourceReservation(long highest, String fromBackup, List<String> ignored) {

    /**
     * @param chainHighest  the highest reservation the restored chain's own authenticated headers carry
     * @param chainBackup   the chain member it comes from
     */
    static SourceReservation find(BackupDirectory directory, String seedFingerprint, Set<String> chainIds,
                                  long chainHighest, String chainBackup, DataKeys keys) {
        long highest = chainHighest;
        String from = chainBackup;
        List<String> ignored = new ArrayList<>();
        List<BackupManifest> claims = directory.installations().getOrDefault(seedFingerprint, List.of()).stream()
                .filter(manifest -> !manifest.isVersion1() && !chainIds.contains(manifest.id()))
                .sorted(Comparator.comparingLong(BackupManifest::reservedThrough).reversed()).toList();
        for (BackupManifest claim : claims) {
            if (claim.reservedThrough() <= highest) {
                break;
            }
            try {
                long proven = authenticatedReservation(directory, claim, keys);
                if (proven != claim.reservedThrough()) {
                    ignored.add("backup " + claim.id() + "'s manifest claims derivation indices reserved through "
                            + claim.reservedThrough() + " but its authenticated header says " + proven
                            + ": the manifest was altered; the header's value was taken");
                }
                if (proven > highest) {
                    highest = proven;
                    from = claim.id();
                }
            } catch (BackupFormatException | WrongPasswordException e) {
                ignored.add("backup " + claim.id() + " claims derivation indices reserved through "
                        + claim.reservedThrough() + " in its manifest, but its header does not authenticate ("
                        + e.getMessage() + "); the claim was ignored");
            }
        }
        return new SourceReservation(highest, from, List.copyOf(ignored));
    }

    private static long authenticatedReservation(BackupDirectory directory, BackupManifest claim, DataKeys keys) {
        try (BackupFileReader reader = BackupFileReader.open(directory.fileOf(claim));
             InputStream unread = keys.unlock(reader)) {
            // the header is authentic now, but it must be this installation's backup the manifest names
            if (!reader.header().backupId().equals(claim.id())
                    || !reader.header().seedFingerprint().equals(claim.seedFingerprint())
                    || reader.header().reservedThrough() == null) {
                throw new BackupFormatException(reader.file() + ": its header is of another backup, another installation or format version 1");
            }
            return reader.header().reservedThrough();
        } catch (IOException e) {
            throw new BackupFormatException(directory.fileOf(claim) + ": cannot read: " + e.getMessage(), e);
        }
    }
}
