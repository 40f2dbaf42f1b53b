package dev.walletbackup.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.backup.destination.DestinationOutcome;
import dev.walletbackup.backup.format.BackupCounts;
import dev.walletbackup.backup.format.BackupType;
import java.util.List;

/** What one backup run made, as {@code backup full|incremental --json} prints it. */
@JsonPropertyOrder({"id", "type", "requestedType", "parentId", "baseId", "createdAt", "highWaterMark", "counts",
        "bytes", "durationMs", "stateDigest", "fileName", "destinations", "note"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BackupReport(String id, BackupType type, BackupType requestedType, String parentId, String baseId,
                           String createdAt, long highWaterMark, BackupCounts counts, long bytes, long durationMs,
                           String stateDigest, String fileName, List<DestinationOutcome> destinations,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
}
