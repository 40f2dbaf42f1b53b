package dev.walletbackup.backup.format;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * The plaintext, authenticated header of a backup file (docs/backup-format.md, section 2.1). The key-derivation
 * parameters live in the {@link KeySlot} that follows it.
 */
@JsonPropertyOrder({"formatVersion", "backupId", "type", "parentId", "baseId", "createdAt", "sinceHighWaterMark",
        "highWaterMark", "seedFingerprint", "cipher", "chunkSize", "compression", "payload"})
public record BackupHeader(int formatVersion, String backupId, BackupType type, String parentId, String baseId,
                           String createdAt, long sinceHighWaterMark, long highWaterMark, String seedFingerprint,
                           String cipher, int chunkSize, String compression, String payload) {
    public static final int FORMAT_VERSION = 1;
    public static final String CIPHER = "AES-256-GCM-CHUNKED";
    public static final String COMPRESSION = "zlib";
    public static final String PAYLOAD = "wallet-backup-document/1";

    public Instant createdInstant() {
        return Instant.parse(createdAt);
    }

    /** Checks the fields a reader depends on; the message names the field. */
    public void validate() {
        if (formatVersion != FORMAT_VERSION) {
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
        if (!CIPHER.equals(cipher) || !COMPRESSION.equals(compression) || !PAYLOAD.equals(payload)) {
            throw new BackupFormatException("header: unknown cipher, compression or payload ("
                    + cipher + ", " + compression + ", " + payload + ")");
        }
        if (highWaterMark < sinceHighWaterMark) {
            throw new BackupFormatException("header: highWaterMark is below sinceHighWaterMark");
        }
    }
}
