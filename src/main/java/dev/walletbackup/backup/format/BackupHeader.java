package dev.walletbackup.backup.format;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.wallet.IndexReservation;
import java.time.Instant;

/**
 * The plaintext, authenticated header of a backup file (docs/backup-format.md, section 2.1). The key-derivation
 * parameters live in the {@link KeySlot} that follows it. Version 2 adds the timeline and the index reservation;
 * a version-1 header, still read, has neither. Version 3 has the fields of version 2; what changed is the state
 * digest in the payload's trailer (docs/backup-format.md, section 6.1).
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
    public static final int FORMAT_VERSION = 5;
    /** The first version, still read. */
    public static final int FORMAT_VERSION_1 = 1;
    public static final String CIPHER = "AES-256-GCM-CHUNKED";
    /** One zlib stream over the payload, cut into chunks (versions 1 to 3). */
    public static final String COMPRESSION = "zlib";
    /** Each chunk's piece compressed alone with zlib (version 4). */
    public static final String COMPRESSION_PER_CHUNK = "zlib-per-chunk";
    /** Each chunk's piece compressed alone with Zstandard (version 5). */
    public static final String COMPRESSION_ZSTD_PER_CHUNK = "zstd-per-chunk";

    /** Whether this version of the code reads backups of {@code version}: 1 to 5. */
    public static boolean isReadable(int version) {
        return version >= FORMAT_VERSION_1 && version <= FORMAT_VERSION;
    }

    /** The versions read, for messages. */
    public static String readableVersions() {
        return "1, 2, 3, 4 or 5";
    }

    /** The compression of a version (docs/backup-format.md, sections 2.4 to 2.6). */
    public static String compressionOf(int version) {
        return version >= 5 ? COMPRESSION_ZSTD_PER_CHUNK : version == 4 ? COMPRESSION_PER_CHUNK : COMPRESSION;
    }

    /** Whether each chunk is compressed alone (version 4 on), not the payload as one stream. */
    @JsonIgnore
    public boolean compressesEachChunk() {
        return chunkCodec() != null;
    }

    /** How each chunk is compressed (version 4 on); null for a payload compressed as one stream. */
    ChunkCodec chunkCodec() {
        return ChunkCodec.of(compression);
    }

    /** The payload name of a version: {@code wallet-backup-document/N}. */
    public static String payloadOf(int version) {
        return "wallet-backup-document/" + version;
    }

    /** A header of the current version. */
    public static BackupHeader current(String backupId, BackupType type, String parentId, String baseId,
                                       String createdAt, long sinceHighWaterMark, long highWaterMark,
                                       String seedFingerprint, Timeline timeline, long reservedThrough, int chunkSize) {
        return new BackupHeader(FORMAT_VERSION, backupId, type, parentId, baseId, createdAt, sinceHighWaterMark,
                highWaterMark, seedFingerprint, timeline, reservedThrough, CIPHER, chunkSize,
                compressionOf(FORMAT_VERSION), payloadOf(FORMAT_VERSION));
    }

    /** Whether this header is of version 1, which has no timeline, no reservation and no authenticated state digest. */
    @JsonIgnore
    public boolean isVersion1() {
        return formatVersion == FORMAT_VERSION_1;
    }

    /** Whether the state digest is the SHA-256 of an LtHash (version 3 on), not of an ordered encoding. */
    @JsonIgnore
    public boolean hasLtHashStateDigest() {
        return hasLtHashStateDigest(formatVersion);
    }

    /** Whether backups of {@code version} have an LtHash state digest (docs/backup-format.md, section 6.1). */
    public static boolean hasLtHashStateDigest(int version) {
        return version >= 3;
    }

    @JsonIgnore
    public Instant createdInstant() {
        return Instant.parse(createdAt);
    }

    /** Checks the fields a reader depends on; the message names the field. */
    public void validate() {
        if (!isReadable(formatVersion)) {
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
        if (!CIPHER.equals(cipher) || !compressionOf(formatVersion).equals(compression)
                || !payloadOf(formatVersion).equals(payload)) {
            throw new BackupFormatException("header: unknown cipher, compression or payload ("
                    + cipher + ", " + compression + ", " + payload + ")");
        }
        if (highWaterMark < sinceHighWaterMark) {
            throw new BackupFormatException("header: highWaterMark is below sinceHighWaterMark");
        }
    }
}
