package dev.walletbackup.backup.retention;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.destination.BackupSources;
import dev.walletbackup.backup.destination.S3Destination;
import dev.walletbackup.backup.destination.S3Location;
import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupManifest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 bucket under its prefix: backups are read from their manifest objects alone (the {@code .wbk} objects
 * are only listed), and a {@code .wbk} object without its manifest is a leftover once older than the cut-off: an
 * upload that a retry of {@code backup sync} (which does not take the backup lock) may still be finishing is young.
 */
final class S3RetentionTarget implements RetentionTarget {
    private final S3Client client;
    private final S3Location location;

    S3RetentionTarget(S3Client client, S3Location location) {
        this.client = client;
        this.location = location;
    }

    @Override
    public String name() {
        return S3Destination.NAME;
    }

    @Override
    public Contents scan(Instant leftoversBefore) throws IOException {
        Map<String, Instant> objects = new LinkedHashMap<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(location.bucket())
                    .prefix(location.prefix())).contents()) {
                objects.put(object.key().substring(location.prefix().length()), object.lastModified());
            }
        } catch (SdkException e) {
            throw new IllegalStateException("S3 list of " + location + " failed: " + S3Destination.reason(e), e);
        }
        Map<String, List<String>> files = new LinkedHashMap<>();
        List<BackupManifest> manifests;
        try (BackupDirectory read = BackupSources.manifestsOf(client, location)) {
            manifests = read.manifests();
            for (BackupManifest manifest : manifests) {
                String fileName = read.fileOf(manifest).getFileName().toString();
                files.put(manifest.id(), List.of(BackupManifest.manifestNameFor(fileName), fileName).stream()
                        .filter(objects::containsKey).map(name -> location + name).toList());
            }
        }
        List<String> leftovers = new ArrayList<>();
        objects.forEach((name, modified) -> {
            if (BackupFileName.isBackupFile(name) && !objects.containsKey(BackupManifest.manifestNameFor(name))
                    && modified.isBefore(leftoversBefore)) {
                leftovers.add(location + name);
            }
        });
        return new Contents(manifests, files, leftovers);
    }

    @Override
    public void delete(String file) {
        if (!file.startsWith(location.toString())) {
            throw new IllegalArgumentException(file + " is not under " + location);
        }
        String key = location.prefix() + file.substring(location.toString().length());
        try {
            client.deleteObject(request -> request.bucket(location.bucket()).key(key));
        } catch (SdkException e) {
            throw new IllegalStateException("S3 delete of " + file + " failed: " + S3Destination.reason(e), e);
        }
    }
}
