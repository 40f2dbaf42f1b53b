package dev.walletbackup.backup.format;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.walletbackup.backup.store.AtomicFiles;
import dev.walletbackup.json.WalletJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The plaintext sidecar of a backup file (docs/backup-format.md, section 4): enough to check a file's integrity
 * and its chain links without the password, and to rebuild the catalog on a machine that has nothing else.
 */
@JsonPropertyOrder({"formatVersion", "id", "type", "parentId", "baseId", "createdAt", "sinceHighWaterMark",
        "highWaterMark", "seedFingerprint", "counts", "bytes", "sha256", "stateDigest", "contentDigest", "fileName"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BackupManifest(int formatVersion, String id, BackupType type, String parentId, String baseId,
                             String createdAt, long sinceHighWaterMark, long highWaterMark, String seedFingerprint,
                             BackupCounts counts, long bytes, String sha256, String stateDigest, String contentDigest,
                             String fileName) {
    public static final String SUFFIX = ".manifest.json";
    public static final String BACKUP_SUFFIX = ".wbk";

    /** The manifest file name that goes with a backup file name. */
    public static String manifestNameFor(String backupFileName) {
        return backupFileName.substring(0, backupFileName.length() - BACKUP_SUFFIX.length()) + SUFFIX;
    }

    @JsonIgnore
    public Instant createdInstant() {
        return Instant.parse(createdAt);
    }

    public static BackupManifest read(Path file) {
        try {
            BackupManifest manifest = WalletJson.mapper().reader()
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile(), BackupManifest.class);
            if (manifest.formatVersion() != BackupHeader.FORMAT_VERSION || manifest.id() == null
                    || manifest.type() == null || manifest.fileName() == null || manifest.sha256() == null) {
                throw new BackupFormatException(file + ": manifest is incomplete or of an unknown format version");
            }
            return manifest;
        } catch (IOException | IllegalArgumentException e) {
            throw new BackupFormatException(file + ": manifest is not valid JSON: " + WalletJson.problem(e), e);
        }
    }

    /** Writes this manifest beside its backup file: temporary file, fsync, atomic rename. */
    public Path writeBeside(Path backupFile) throws IOException {
        Path target = backupFile.resolveSibling(manifestNameFor(backupFile.getFileName().toString()));
        AtomicFiles.writeAtomically(target, WalletJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        return target;
    }
}
