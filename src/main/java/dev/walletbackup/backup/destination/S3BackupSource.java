package dev.walletbackup.backup.destination;

import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.files.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Brings the backups under an {@code s3://bucket/prefix} into a private local directory, streamed object by object
 * to disk (memory stays flat whatever their size), so that listing, verifying and restoring work on them exactly as
 * on a backup directory. Only keys that are a backup file name directly under the prefix are brought down, into
 * files of mode 0600; a manifest is cut off just past the largest size a manifest may have, which the reader then
 * reports.
 */
public final class S3BackupSource {
    private S3BackupSource() {
    }

    public static Path download(S3Client client, S3Location location, Path target) throws IOException {
        return download(client, location, target, true);
    }

    /** Brings down the manifests alone: what a backup is, without its (large) file. */
    static Path downloadManifests(S3Client client, S3Location location, Path target) throws IOException {
        return download(client, location, target, false);
    }

    private static Path download(S3Client client, S3Location location, Path target, boolean backupFiles)
            throws IOException {
        AtomicFiles.privateDirectory(target);
        try {
            for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(location.bucket())
                    .prefix(location.prefix())).contents()) {
                String name = object.key().substring(location.prefix().length());
                boolean manifest = BackupFileName.isManifestFile(name);
                if (!manifest && !(backupFiles && BackupFileName.isBackupFile(name))) {
                    continue;
                }
                Path file = AtomicFiles.createPrivateFile(target.resolve(name));
                try (ResponseInputStream<GetObjectResponse> body = client.getObject(request -> request
                        .bucket(location.bucket()).key(object.key()));
                     OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
                    if (manifest) {
                        byte[] bounded = body.readNBytes(BackupManifest.MAX_BYTES + 1);
                        out.write(bounded);
                        if (bounded.length > BackupManifest.MAX_BYTES) {
                            body.abort();
                        }
                    } else {
                        body.transferTo(out);
                    }
                }
            }
        } catch (SdkException e) {
            throw S3Destination.failure("download", location.toString(), e);
        }
        return target;
    }
}
