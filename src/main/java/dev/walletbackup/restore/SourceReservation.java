package dev.walletbackup.restore;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.DataKeys;
import dev.walletbackup.backup.format.WalletBackupDocumentReader;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.wallet.AgentWallet;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The highest index reservation that any backup of the installation in a source authenticates, every timeline
 * included (docs/backup-format.md, section 11): a point-in-time restore brings back an older state, and the wallets
 * of the newer backups — or of an abandoned timeline — may hold funds. Manifests and plaintext headers only point at
 * candidates: a backup that claims more (in either) than what is proven so far has its header authenticated with
 * the password (one key derivation, no chunk read) before its value counts. Claims are taken largest first, so
 * usually one file is opened. Version-1 backups carry no reservation: when a version-1 backup is restored, the
 * wallets of the later version-1 backups are read from their authenticated payloads.
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
    static SourceReservation find(BackupDirectory directory, BackupManifest target, Set<String> chainIds,
                                  long chainHighest, String chainBackup, DataKeys keys) {
        long highest = chainHighest;
        String from = chainBackup;
        List<String> ignored = new ArrayList<>();
        List<BackupManifest> installation = directory.installations().getOrDefault(target.seedFingerprint(), List.of())
                .stream().filter(manifest -> !chainIds.contains(manifest.id())).toList();
        // a claim is the higher of the manifest's value and the file's plaintext header's: either may be lowered
        List<Claim> claims = installation.stream().filter(manifest -> !manifest.isVersion1())
                .map(manifest -> new Claim(manifest, Math.max(manifest.reservedThrough(),
                        plaintextReservation(directory, manifest))))
                .sorted(Comparator.comparingLong(Claim::value).reversed()).toList();
        for (Claim claim : claims) {
            if (claim.value() <= highest) {
                break;
            }
            BackupManifest manifest = claim.manifest();
            try {
                long proven = authenticatedReservation(directory, manifest, keys);
                if (proven != manifest.reservedThrough()) {
                    ignored.add("backup " + manifest.id() + "'s manifest claims derivation indices reserved through "
                            + manifest.reservedThrough() + " but its authenticated header says " + proven
                            + ": the manifest was altered; the header's value was taken");
                }
                if (proven > highest) {
                    highest = proven;
                    from = manifest.id();
                }
            } catch (BackupFormatException | WrongPasswordException e) {
                ignored.add("backup " + manifest.id() + " claims derivation indices reserved through " + claim.value()
                        + ", but its header does not authenticate (" + e.getMessage() + "); the claim was ignored");
            }
        }
        if (target.isVersion1()) {
            // version-1 headers carry no reservation: the wallets of the later version-1 backups a point-in-time
            // restore leaves behind are read from their authenticated payloads
            for (BackupManifest later : installation) {
                if (later.isVersion1() && later.createdInstant().isAfter(target.createdInstant())) {
                    try {
                        long index = authenticatedHighestIndex(directory, later, keys);
                        if (index > highest) {
                            highest = index;
                            from = later.id();
                        }
                    } catch (BackupFormatException | WrongPasswordException e) {
                        ignored.add("the wallets of backup " + later.id() + ", made after the restored backup, could "
                                + "not be read (" + e.getMessage() + "); their indices are not reserved");
                    }
                }
            }
        }
        return new SourceReservation(highest, from, List.copyOf(ignored));
    }

    private record Claim(BackupManifest manifest, long value) {
    }

    /** The reservation the file's plaintext header states (unauthenticated: it only makes a claim), or -1. */
    private static long plaintextReservation(BackupDirectory directory, BackupManifest manifest) {
        try (BackupFileReader reader = BackupFileReader.open(directory.fileOf(manifest))) {
            Long stated = reader.header().reservedThrough();
            return stated == null ? -1 : stated;
        } catch (BackupFormatException e) {
            return -1;
        }
    }

    /** The highest derivation index among a backup's wallets, read from its authenticated payload. */
    private static long authenticatedHighestIndex(BackupDirectory directory, BackupManifest backup, DataKeys keys) {
        long[] highest = {-1};
        try (BackupFileReader reader = BackupFileReader.open(directory.fileOf(backup));
             InputStream payload = keys.unlock(reader)) {
            WalletBackupDocumentReader.read(payload, reader.header(), new BackupContentHandler() {
                @Override
                public void wallet(AgentWallet wallet) {
                    highest[0] = Math.max(highest[0], wallet.derivationIndex());
                }
            });
            return highest[0];
        } catch (IOException e) {
            throw new BackupFormatException(directory.fileOf(backup) + ": cannot read: " + e.getMessage(), e);
        }
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
