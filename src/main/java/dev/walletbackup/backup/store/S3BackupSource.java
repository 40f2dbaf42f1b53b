package dev.walletbackup.backup.store;

import dev.walletbackup.backup.format.BackupManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Brings the backups under an {@code s3://bucket/prefix} into a private local directory, streamed object by object
 * to disk (memory stays flat whatever their size), so that listing, verifying and restoring work on them exactly as
 * on a backup directory.
 */
public final class S3BackupSource {
    private S3BackupSource() {
    }

    public static Path download(S3Client client, S3Location location, Path target) throws IOException {
        AtomicFiles.privateDirectory(target);
        try {
            for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(location.bucket())
                    .prefix(location.prefix())).contents()) {
                String name = object.key().substring(location.prefix().length());
                if (name.contains("/") || !(name.endsWith(BackupManifest.BACKUP_SUFFIX) || name.endsWith(BackupManifest.SUFFIX))) {
                    continue;
                }
                Path file = target.resolve(name);
                try (var body = client.getObject(request -> request.bucket(location.bucket()).key(object.key()))) {
                    Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (SdkException e) {
            throw S3Destination.failure("download", location.toString(), e);
        }
        return target;
    }
}
