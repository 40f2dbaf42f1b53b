package dev.walletbackup.backup.format;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.wallet.IndexReservation;
import java.time.Instant;

/**
 * The plaintext, authenticated header of a backup file (docs/backup-format.md, section 2.1). The key-derivation
 * parameters live in the {@link KeySlot} that follows it. Version 2 adds the timeline and the index reservation;
 * a version-1 header, still read, has neither.
 */
@JsonPropertyOrder({"formatVersion", "backupId", "type", "parentId", "baseId", "createdAt", "sinceHighWaterMark",
        "highWaterMark", "seedFingerprint", "timeline", "reservedThrough", "cipher", "chunkSize", "compression",
        "payload"})
public record BackupHeader(int formatVersion, String backupId, BackupType type, String parentId, String baseId,
                           String createdAt, long sinceHighWaterMark, long highWaterMark, String seedFingerprint,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Timeline timeline,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long reservedThrough,
                           String cipher, int chunkSize, String compression, String payload) {
    /** The version every backup is written in now. */
    public static final int FORMAT_VERSION = 2;
    /** The first version, still read. */
    public static final int FORMAT_VERSION_1 = 1;
    public static final String CIPHER = "AES-256-GCM-CHUNKED";
    public static final String COMPRESSION = "zlib";
    public static final String PAYLOAD = "wallet-backup-document/2";
    public static final String PAYLOAD_V1 = "wallet-backup-document/1";

    /** A header of the current version. */
    public static BackupHeader current(String backupId, BackupType type, String parentId, String baseId,
                                       String createdAt, long sinceHighWaterMark, long highWaterMark,
                                       String seedFingerprint, Timeline timeline, long reservedThrough, int chunkSize) {
        return new BackupHeader(FORMAT_VERSION, backupId, type, parentId, baseId, createdAt, sinceHighWaterMark,
                highWaterMark, seedFingerprint, timeline, reservedThrough, CIPHER, chunkSize, COMPRESSION, PAYLOAD);
    }

    /** Whether this header is of version 1, which has no timeline, no reservation and no authenticated state digest. */
    @JsonIgnore
    public boolean isVersion1() {
        return formatVersion == FORMAT_VERSION_1;
    }

    @JsonIgnore
    public Instant createdInstant() {
        return Instant.parse(createdAt);
    }

    /** Checks the fields a reader depends on; the message names the field. */
    public void validate() {
        if (formatVersion != FORMAT_VERSION && formatVersion != FORMAT_VERSION_1) {
            throw new BackupFormatException("header: unsupported formatVersion " + formatVersion);
        }
        if (backupId == null || !backupId.matches("[0-9a-f]{16}")) {
            throw new BackupFormatException("header: backupId is not 16 hex digits");
        }
        if (type == null || baseId == null || createdAt == null || seedFingerprint == null) {
            throw new BackupFormatException("header: type, baseId, createdAt and seedFingerprint are required");
        }
        if ((type == BackupType.FULL) != (parentId == null)) {
            throw new BackupFormatException("header: a full backup has no parent and an incremental has one");
        }
        if (isVersion1() ? timeline != null || reservedThrough != null : timeline == null || reservedThrough == null) {
            throw new BackupFormatException("header: version " + formatVersion + (isVersion1()
                    ? " has no timeline and no reservedThrough" : " needs a timeline and reservedThrough"));
        }
        String timelineProblem = timeline == null ? null : timeline.problem();
        if (timelineProblem != null) {
            throw new BackupFormatException("header: " + timelineProblem);
        }
        if (reservedThrough != null && (reservedThrough < -1 || reservedThrough > IndexReservation.HIGHEST_INDEX)) {
            throw new BackupFormatException("header: reservedThrough " + reservedThrough + " is out of range");
        }
        String expectedPayload = isVersion1() ? PAYLOAD_V1 : PAYLOAD;
        if (!CIPHER.equals(cipher) || !COMPRESSION.equals(compression) || !expectedPayload.equals(payload)) {
            throw new BackupFormatException("header: unknown cipher, compression or payload ("
                    + cipher + ", " + compression + ", " + payload + ")");
        }
        if (highWaterMark < sinceHighWaterMark) {
            throw new BackupFormatException("header: highWaterMark is below sinceHighWaterMark");
        }
    }
}
