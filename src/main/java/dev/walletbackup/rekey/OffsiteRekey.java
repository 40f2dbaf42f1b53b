package dev.walletbackup.rekey;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.destination.BackupSources;
import dev.walletbackup.backup.destination.S3Destination;
import dev.walletbackup.backup.destination.S3Location;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupRekey;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.routes.ExchangeProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.ExchangeProperty;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 copies of a rekey (docs/backup-format.md, section 16): the bucket's backups are brought down when the rekey
 * is planned; after the backup directory, each one is brought under the new password — replaced by the local file of
 * the same name, which is under it by then, or, when there is none, rewritten in the downloaded copy — then uploaded
 * over its object, read back and compared, and its manifest uploaded last. An object that already holds those bytes
 * is not sent again, so a rerun sends only what is missing.
 */
public final class OffsiteRekey {
    private final Supplier<S3Client> client;
    private final WalletConfig config;
    private final InPlaceRekey inPlace;

    public OffsiteRekey(Supplier<S3Client> client, WalletConfig config, PasswordSource current) {
        this.client = client;
        this.config = config;
        this.inPlace = new InPlaceRekey(current, config.kdf());
    }

    /** The bucket's backups in a private temporary copy, or empty when S3 is not one of the destinations. */
    Optional<BackupDirectory> download() throws IOException {
        if (!config.s3().enabled() || !config.destinations().contains(S3Destination.NAME)) {
            return Optional.empty();
        }
        return Optional.of(BackupSources.open(location().toString(), config));
    }

    public void rekey(@ExchangeProperty(ExchangeProperties.REKEY_ROTATION) Rotation rotation) throws IOException {
        BackupDirectory bucket = rotation.bucket();
        if (bucket == null) {
            return;
        }
        for (BackupManifest manifest : rotation.offsiteBackups()) {
            Path copy = bucket.fileOf(manifest);
            Path copyManifest = bucket.manifestFileOf(manifest);
            String objectDigest = FileDigests.sha256(copy);
            byte[] objectManifest = Files.readAllBytes(copyManifest);
            Path local = config.backupPath().resolve(manifest.fileName());
            Path localManifest = local.resolveSibling(BackupManifest.manifestNameFor(manifest.fileName()));
            Path file = copy;
            Path manifestFile = copyManifest;
            if (underNewPassword(local, localManifest, rotation)) {
                file = local;
                manifestFile = localManifest;
            } else {
                inPlace.rekey(copy, manifest, copyManifest, rotation);
            }
            boolean sameFile = FileDigests.sha256(file).equals(objectDigest);
            if (!sameFile) {
                upload(file);
            }
            if (!sameFile || !Arrays.equals(Files.readAllBytes(manifestFile), objectManifest)) {
                put(manifestFile);
                rotation.offsiteRekeyed(location() + manifest.fileName());
            }
        }
    }

    private static boolean underNewPassword(Path local, Path localManifest, Rotation rotation) {
        if (!Files.isRegularFile(local) || !Files.isRegularFile(localManifest)) {
            return false;
        }
        try (Password newPassword = rotation.next().get()) {
            return BackupRekey.opens(local, newPassword);
        }
    }

    /** Puts the backup file over its object and reads it back: size and SHA-256 must be the file's. */
    private void upload(Path file) throws IOException {
        put(file);
        String key = location().key(file.getFileName().toString());
        String expected = FileDigests.sha256(file);
        try (InputStream object = client.get().getObject(request -> request.bucket(config.s3().bucket()).key(key))) {
            String actual = FileDigests.sha256(object);
            if (!actual.equals(expected)) {
                throw new BackupFormatException(location() + file.getFileName().toString() + ": read back with "
                        + "SHA-256 " + actual + ", expected " + expected + " (the rekeyed file)");
            }
        } catch (SdkException e) {
            throw new IllegalStateException("S3 read back of " + location() + file.getFileName() + " failed: "
                    + S3Destination.reason(e), e);
        }
    }

    private void put(Path file) {
        String key = location().key(file.getFileName().toString());
        try {
            client.get().putObject(request -> request.bucket(config.s3().bucket()).key(key), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IllegalStateException("S3 upload of " + location() + file.getFileName() + " failed: "
                    + S3Destination.reason(e), e);
        }
    }

    private S3Location location() {
        return new S3Location(config.s3().bucket(), config.s3().prefix());
    }
}
