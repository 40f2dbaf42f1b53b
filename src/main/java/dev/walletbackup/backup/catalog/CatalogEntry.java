package dev.walletbackup.backup.catalog;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.backup.destination.DestinationOutcome;
import dev.walletbackup.backup.format.BackupCounts;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import java.time.Instant;
import java.util.List;

/**
 * One completed backup as the catalog knows it: its manifest, how long it took and where it went. {@code timelineId}
 * is null for a backup made before timelines (format version 1).
 */
@JsonPropertyOrder({"id", "type", "parentId", "baseId", "createdAt", "sinceHighWaterMark", "highWaterMark",
        "seedFingerprint", "timelineId", "counts", "bytes", "sha256", "stateDigest", "contentDigest", "fileName", "durationMs",
        "destinations"})
public record CatalogEntry(String id, BackupType type, String parentId, String baseId,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                           long sinceHighWaterMark, long highWaterMark, String seedFingerprint, String timelineId,
                           BackupCounts counts,
                           long bytes, String sha256, String stateDigest, String contentDigest, String fileName,
                           long durationMs, List<DestinationOutcome> destinations) {

    public static CatalogEntry of(BackupManifest manifest, long durationMs, List<DestinationOutcome> destinations) {
        return new CatalogEntry(manifest.id(), manifest.type(), manifest.parentId(), manifest.baseId(),
                manifest.createdInstant(), manifest.sinceHighWaterMark(), manifest.highWaterMark(),
                manifest.seedFingerprint(), manifest.timeline() == null ? null : manifest.timeline().id(),
                manifest.counts(), manifest.bytes(), manifest.sha256(),
                manifest.stateDigest(), manifest.contentDigest(), manifest.fileName(), durationMs, destinations);
    }
}
