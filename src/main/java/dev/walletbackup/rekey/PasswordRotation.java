package dev.walletbackup.rekey;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.destination.BackupDirectory;
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
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.MasterSeedService;
import dev.walletbackup.seed.SeedEnvelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final InPlaceRekey inPlace;
    private final OffsiteRekey offsite;

    public PasswordRotation(Path backupDirectory, PasswordSource current, Argon2Parameters kdf, MasterSeedService seeds,
                            BackupCatalog catalog, OffsiteRekey offsite) {
        this.backupDirectory = backupDirectory;
        this.current = current;
        this.kdf = kdf;
        this.seeds = seeds;
        this.catalog = catalog;
        this.inPlace = new InPlaceRekey(current, kdf);
        this.offsite = offsite;
    }

    /**
     * Finds the backups of this store's installation and the envelope they will all carry: the store's when the new
     * password opens it already (only that last step was left), else the one a run before this one put into the
     * backups it finished, else the seed sealed afresh. Refuses, before anything is rewritten, when neither password
     * opens the store's seed, and when a backup here or in the bucket is of format version 1 or 2.
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
            BackupDirectory directory = Files.isDirectory(backupDirectory) ? BackupDirectory.scan(backupDirectory) : null;
            BackupDirectory bucket = offsite.download().orElse(null);
            try {
                List<BackupManifest> ours = ofInstallation(directory, seed.fingerprint(), true);
                List<BackupManifest> oursOffsite = ofInstallation(bucket, seed.fingerprint(), true);
                refuseOlderVersions(ours, directory);
                refuseOlderVersions(oursOffsite, bucket);
                List<String> others = new ArrayList<>();
                for (BackupDirectory place : Arrays.asList(directory, bucket)) {
                    ofInstallation(place, seed.fingerprint(), false).forEach(manifest -> others.add(where(place, manifest)));
                }
                byte[] envelope = storeResealed ? seed.envelope()
                        : envelopeOfRekeyedBackup(directory, ours, newPassword, seed.fingerprint())
                                .orElseGet(() -> sealAfresh(oldPassword, newPassword));
                return new Rotation(next, envelope, directory, ours, bucket, oursOffsite, others);
            } catch (IOException | RuntimeException e) {
                if (bucket != null) {
                    bucket.close();
                }
                throw e;
            }
        }
    }

    /** The backups of {@code place} of the installation {@code fingerprint} (or, with {@code ours} false, of others). */
    private static List<BackupManifest> ofInstallation(BackupDirectory place, String fingerprint, boolean ours) {
        return place == null ? List.of() : place.manifests().stream()
                .filter(manifest -> manifest.seedFingerprint().equals(fingerprint) == ours).toList();
    }

    /** Brings one backup of the backup directory under the new password ({@link InPlaceRekey}), then its catalog entry. */
    public void rekey(@Body BackupManifest manifest,
                      @ExchangeProperty(ExchangeProperties.REKEY_ROTATION) Rotation rotation) throws IOException {
        InPlaceRekey.Outcome outcome = inPlace.rekey(rotation.directory().fileOf(manifest), manifest,
                rotation.directory().manifestFileOf(manifest), rotation);
        if (outcome.rewritten()) {
            rotation.rekeyed(manifest.id());
        } else {
            rotation.alreadyRekeyed(manifest.id());
        }
        catalog.fileRewritten(outcome.manifest());
    }

    /** Deletes what the rekey downloaded, whether it succeeded or not. */
    public void cleanUp(@ExchangeProperty(ExchangeProperties.REKEY_ROTATION) Rotation rotation) throws IOException {
        if (rotation != null) {
            rotation.close();
        }
    }

    /** Re-seals the store's seed under the new password, after every backup: the last step of a rekey. */
    public RekeyReport finish(@ExchangeProperty(ExchangeProperties.REKEY_ROTATION) Rotation rotation) {
        return rotation.report(backupDirectory.toString(), seeds.reseal(rotation.envelope()));
    }

    /** The backup file as the operator finds it: in the directory, or under the {@code s3://} prefix. */
    private static String where(BackupDirectory place, BackupManifest manifest) {
        return place.location() + (place.location().endsWith("/") ? "" : "/") + manifest.fileName();
    }

    private static void refuseOlderVersions(List<BackupManifest> backups, BackupDirectory directory) {
        List<String> older = backups.stream().filter(manifest -> !BackupHeader.hasLtHashStateDigest(manifest.formatVersion()))
                .map(manifest -> where(directory, manifest)).toList();
        if (!older.isEmpty()) {
            throw new IllegalStateException(older.size() + " backup(s) of format version 1 or 2 cannot be rekeyed ("
                    + older.stream().collect(Collectors.joining(", ")) + "): their state digests cover the whole state, "
                    + "which rewriting one file cannot recompute. Nothing was rewritten. Take a full backup, move the "
                    + "older backups away (they keep opening with the old password), "
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
