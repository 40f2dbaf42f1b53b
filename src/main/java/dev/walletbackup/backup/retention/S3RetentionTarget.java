package dev.walletbackup.backup.retention;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.destination.BackupSources;
import dev.walletbackup.backup.destination.S3Destination;
import dev.walletbackup.backup.destination.S3Location;
import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupManifest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 bucket under its prefix: backups are read from their manifest objects alone (the {@code .wbk} objects
 * are only listed), and a {@code .wbk} object without its manifest is a leftover once older than the cut-off: an
 * upload that a retry of {@code backup sync} (which does not take the backup lock) may still be finishing is young.
 * With S3 Object Lock on, an object is locked for the configured period from its upload (its LastModified): a
 * backup with an object still locked, and a leftover still locked, are reported with the time they can go.
 */
final class S3RetentionTarget implements RetentionTarget {
    private final S3Client client;
    private final S3Location location;
    private final Duration lockPeriod;
    private final Clock clock;

    /** @param lockPeriod how long Object Lock retains each object after its upload; null when it is off */
    S3RetentionTarget(S3Client client, S3Location location, Duration lockPeriod, Clock clock) {
        this.client = client;
        this.location = location;
        this.lockPeriod = lockPeriod;
        this.clock = clock;
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
        Map<String, Instant> locked = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> backup : files.entrySet()) {
            backup.getValue().stream().map(file -> lockedUntil(objects.get(file.substring(location.toString().length()))))
                    .filter(Objects::nonNull).max(Comparator.naturalOrder())
                    .ifPresent(until -> locked.put(backup.getKey(), until));
        }
        List<String> leftovers = new ArrayList<>();
        objects.forEach((name, modified) -> {
            if (BackupFileName.isBackupFile(name) && !objects.containsKey(BackupManifest.manifestNameFor(name))
                    && modified.isBefore(leftoversBefore)) {
                Instant until = lockedUntil(modified);
                if (until == null) {
                    leftovers.add(location + name);
                } else {
                    locked.put(location + name, until);
                }
            }
        });
        return new Contents(manifests, files, leftovers, locked);
    }

    /** When an object uploaded at {@code uploaded} may be deleted, if that is still to come; else null. */
    private Instant lockedUntil(Instant uploaded) {
        if (lockPeriod == null) {
            return null;
        }
        Instant until = uploaded.plus(lockPeriod);
        return until.isAfter(clock.instant()) ? until : null;
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
