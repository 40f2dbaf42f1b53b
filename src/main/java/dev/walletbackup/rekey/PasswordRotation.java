package dev.walletbackup.rekey;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupHeader;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupRekey;
import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordPolicy;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.MasterSeedService;
import dev.walletbackup.seed.SeedEnvelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The steps of {@code backup rekey} (routes/rekey.camel.yaml, docs/backup-format.md section 2.2): {@link #plan}
 * chooses the seed envelope under the new password and the backups to rewrite, {@link #rekey} rewrites one backup
 * (or, when the new password opens it already, only checks it and its manifest), {@link #finish} re-seals the
 * store's own seed last. The route holds the backup lock throughout.
 */
public final class PasswordRotation {
    private final Path backupDirectory;
    private final PasswordSource current;
    private final Argon2Parameters kdf;
    private final MasterSeedService seeds;
    private final BackupCatalog catalog;

    public PasswordRotation(Path backupDirectory, PasswordSource current, Argon2Parameters kdf, MasterSeedService seeds,
                            BackupCatalog catalog) {
        this.backupDirectory = backupDirectory;
        this.current = current;
        this.kdf = kdf;
        this.seeds = seeds;
        this.catalog = catalog;
    }

    /**
     * Finds the backups of this store's installation and the envelope they will all carry: the store's when the new
     * password opens it already (only that last step was left), else the one a run before this one put into the
     * backups it finished, else the seed sealed afresh. Refuses, before anything is rewritten, when the current
     * password opens neither the store's seed nor a backup, and when a backup is of an older format version.
     */
    public Rotation plan(@Body PasswordSource next) throws IOException {
        MasterSeedRecord seed = seeds.require();
        try (Password newPassword = next.get(); Password oldPassword = current.get()) {
            PasswordPolicy.check(newPassword);
            boolean storeResealed = opens(seed.envelope(), newPassword);
            if (!storeResealed && !opens(seed.envelope(), oldPassword)) {
                throw new WrongPasswordException("the current password does not open the store's master seed "
                        + "envelope, nor does the new one");
            }
            if (!Files.isDirectory(backupDirectory)) {
                return new Rotation(next, storeResealed ? seed.envelope() : sealAfresh(oldPassword, newPassword),
                        null, List.of(), List.of());
            }
            BackupDirectory directory = BackupDirectory.scan(backupDirectory);
            List<BackupManifest> ours = directory.manifests().stream()
                    .filter(manifest -> manifest.seedFingerprint().equals(seed.fingerprint())).toList();
            refuseOlderVersions(ours, directory);
            List<String> others = directory.manifests().stream()
                    .filter(manifest -> !manifest.seedFingerprint().equals(seed.fingerprint()))
                    .map(BackupManifest::fileName).toList();
            byte[] envelope = storeResealed ? seed.envelope()
                    : envelopeOfRekeyedBackup(directory, ours, newPassword, seed.fingerprint())
                            .orElseGet(() -> sealAfresh(oldPassword, newPassword));
            return new Rotation(next, envelope, directory, ours, others);
        }
    }

    /**
     * Rewrites one backup under the new password: the new file beside the old one under its temporary name, read
     * back with the new password, renamed over the old one; then its manifest, the same way; then its catalog entry.
     * A file the new password opens already (an interrupted run) is read whole instead, and its manifest rewritten
     * if it still describes the old file.
     */
    public void rekey(@Body BackupManifest manifest,
                      @ExchangeProperty(ExchangeProperties.REKEY_ROTATION) Rotation rotation) throws IOException {
        Path file = rotation.directory().fileOf(manifest);
        String name = file.getFileName().toString();
        BackupRekey.Opened result;
        try (Password newPassword = rotation.next().get()) {
            if (BackupRekey.opens(file, newPassword)) {
                result = BackupRekey.open(file, name, newPassword);
                rotation.alreadyRekeyed(manifest.id());
            } else {
                Path staged = file.resolveSibling(BackupFileName.stagedFor(name));
                Files.deleteIfExists(staged);
                try (Password oldPassword = current.get()) {
                    result = BackupRekey.rewrite(file, staged, name, oldPassword, newPassword, rotation.envelope(), kdf);
                }
                AtomicFiles.replace(staged, file);
                rotation.rekeyed(manifest.id());
            }
        }
        if (!result.manifest().equals(manifest)) {
            Path manifestFile = rotation.directory().manifestFileOf(manifest);
            Path staged = manifestFile.resolveSibling(BackupFileName.stagedFor(manifestFile.getFileName().toString()));
            AtomicFiles.writePrivately(staged, result.manifest().toJson());
            AtomicFiles.replace(staged, manifestFile);
        }
        catalog.fileRewritten(result.manifest());
    }

    /** Re-seals the store's seed under the new password, after every backup: the last step of a rekey. */
    public RekeyReport finish(@ExchangeProperty(ExchangeProperties.REKEY_ROTATION) Rotation rotation) {
        return rotation.report(backupDirectory.toString(), seeds.reseal(rotation.envelope()));
    }

    private static void refuseOlderVersions(List<BackupManifest> backups, BackupDirectory directory) {
        List<String> older = backups.stream().filter(manifest -> manifest.formatVersion() < BackupHeader.FORMAT_VERSION)
                .map(manifest -> directory.fileOf(manifest).toString()).toList();
        if (!older.isEmpty()) {
            throw new IllegalStateException(older.size() + " backup(s) of format version 1 or 2 cannot be rekeyed ("
                    + older.stream().collect(Collectors.joining(", ")) + "): their state digests cover the whole state, "
                    + "which rewriting one file cannot recompute. Nothing was rewritten. Take a full backup, move the "
                    + "older backups out of " + directory.location() + " (they keep opening with the old password), "
                    + "and run rekey again");
        }
    }

    /**
     * The envelope an interrupted run put into the backups it finished, so that every backup carries the same one:
     * the first backup the new password opens, if its seed opens with it and is this store's.
     */
    private static Optional<byte[]> envelopeOfRekeyedBackup(BackupDirectory directory, List<BackupManifest> backups,
                                                            Password newPassword, String fingerprint)
            throws IOException {
        for (BackupManifest manifest : backups) {
            Path file = directory.fileOf(manifest);
            if (BackupRekey.opens(file, newPassword)) {
                byte[] envelope = BackupRekey.open(file, manifest.fileName(), newPassword).seed().envelope();
                try (MasterSeed seed = SeedEnvelope.open(envelope, newPassword)) {
                    if (HdKeys.masterFingerprint(seed).equals(fingerprint)) {
                        return Optional.of(envelope);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private byte[] sealAfresh(Password oldPassword, Password newPassword) {
        try (MasterSeed seed = seeds.unlock(oldPassword)) {
            return SeedEnvelope.seal(seed, newPassword, kdf);
        }
    }

    private static boolean opens(byte[] envelope, Password password) {
        try (MasterSeed seed = SeedEnvelope.open(envelope, password)) {
            return seed != null;
        } catch (WrongPasswordException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "PasswordRotation[" + backupDirectory + "]";
    }
}
