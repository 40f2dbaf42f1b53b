package dev.walletbackup.backup.destination;

import dev.walletbackup.config.S3Settings;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where backups are read from: a directory, the configured backup directory by default, or
 * {@code s3://bucket/prefix}, brought down first into a private temporary directory (0700, files 0600) with the
 * configured S3 endpoint and credentials. The caller closes what it opened: that deletes a downloaded copy.
 */
public final class BackupSources {
    private BackupSources() {
    }

    public static BackupDirectory open(String source, WalletConfig config) throws IOException {
        if (source == null || source.isBlank()) {
            return BackupDirectory.scan(config.backupPath());
        }
        if (!S3Location.isS3(source)) {
            return BackupDirectory.scan(Path.of(source));
        }
        S3Location location = S3Location.parse(source);
        S3Settings configured = config.s3();
        S3Settings settings = new S3Settings(location.bucket(), configured.region(), configured.accessKeyId(),
                configured.secretAccessKey(), configured.endpoint(), configured.pathStyle(), location.prefix(),
                configured.serverSideEncryption(), configured.kmsKeyId(), configured.objectLock());
        try (S3Client client = S3Clients.create(settings)) {
            return copyOf(location, target -> S3BackupSource.download(client, location, target));
        }
    }

    /**
     * The manifests under {@code location}, read as a backup directory that holds no backup file: what retention
     * decides from. The caller closes it.
     */
    public static BackupDirectory manifestsOf(S3Client client, S3Location location) throws IOException {
        return copyOf(location, target -> S3BackupSource.downloadManifests(client, location, target));
    }

    private interface Download {
        Path into(Path target) throws IOException;
    }

    private static BackupDirectory copyOf(S3Location location, Download download) throws IOException {
        Path target = Files.createTempDirectory("wallet-backup-s3-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            return BackupDirectory.scanCopy(download.into(target), location.toString());
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteTree(target);
            throw e;
        }
    }
}
