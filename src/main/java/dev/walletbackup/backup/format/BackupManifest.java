package dev.walletbackup.backup.format;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.walletbackup.files.IoFailures;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.wallet.IndexReservation;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The plaintext sidecar of a backup file (docs/backup-format.md, section 4): enough to check a file's integrity
 * and its chain links without the password, and to rebuild the catalog on a machine that has nothing else.
 * Anyone can write a manifest, so reading one is bounded before parsing and checked field by field after.
 */
@JsonPropertyOrder({"formatVersion", "id", "type", "parentId", "baseId", "createdAt", "sinceHighWaterMark",
        "highWaterMark", "seedFingerprint", "timeline", "reservedThrough", "counts", "bytes", "sha256", "stateDigest",
        "contentDigest", "fileName"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BackupManifest(int formatVersion, String id, BackupType type, String parentId, String baseId,
                             String createdAt, long sinceHighWaterMark, long highWaterMark, String seedFingerprint,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Timeline timeline,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long reservedThrough,
                             BackupCounts counts, long bytes, String sha256, String stateDigest, String contentDigest,
                             String fileName) {
    public static final String SUFFIX = BackupFileName.MANIFEST_SUFFIX;
    public static final String BACKUP_SUFFIX = BackupFileName.BACKUP_SUFFIX;
    /** The largest manifest read. Real ones are about 750 bytes; the bound is checked before any parsing. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The deepest JSON nesting read. A manifest has two levels (the object and its counts). */
    public static final int MAX_NESTING_DEPTH = 16;
    /** The longest JSON number read: a long has at most 20 characters. */
    public static final int MAX_NUMBER_LENGTH = 32;

    private static final Pattern BACKUP_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{8}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectReader READER = boundedReader();
    /** Every field a version-2 manifest has: all required, no others. */
    private static final List<String> FIELDS = Arrays.stream(BackupManifest.class.getRecordComponents())
            .map(RecordComponent::getName).toList();
    private static final List<String> TIMELINE_FIELDS = Arrays.stream(Timeline.class.getRecordComponents())
            .map(RecordComponent::getName).toList();
    /** The fields only version 2 has. */
    private static final List<String> VERSION_2_FIELDS = List.of("timeline", "reservedThrough");

    /** The manifest of a verified backup file: its authenticated header and trailer, and the file's size and hash. */
    public static BackupManifest of(BackupHeader header, WalletBackupDocumentWriter.Summary trailer, long bytes,
                                    String sha256, String fileName) {
        return new BackupManifest(header.formatVersion(), header.backupId(), header.type(), header.parentId(),
                header.baseId(), header.createdAt(), header.sinceHighWaterMark(), header.highWaterMark(),
                header.seedFingerprint(), header.timeline(), header.reservedThrough(), trailer.counts(), bytes, sha256,
                trailer.stateDigest(), trailer.contentDigest(), fileName);
    }

    /** Whether this manifest is of version 1, which has no timeline and no reservation. */
    @JsonIgnore
    public boolean isVersion1() {
        return formatVersion == BackupHeader.FORMAT_VERSION_1;
    }

    /** The manifest file name that goes with a backup file name. */
    public static String manifestNameFor(String backupFileName) {
        return BackupFileName.manifestFor(backupFileName);
    }

    /**
     * Which of the fields a file's authenticated header shares with this manifest differ (backupId; type or chain
     * links; high-water marks; seed fingerprint or creation time; format version, timeline or reservation), or null
     * when none does.
     */
    public String headerMismatch(BackupHeader header) {
        if (!header.backupId().equals(id)) {
            return "backupId";
        }
        if (header.type() != type || !Objects.equals(header.parentId(), parentId) || !header.baseId().equals(baseId)) {
            return "type or chain links";
        }
        if (header.highWaterMark() != highWaterMark || header.sinceHighWaterMark() != sinceHighWaterMark) {
            return "high-water marks";
        }
        if (!header.seedFingerprint().equals(seedFingerprint) || !header.createdAt().equals(createdAt)) {
            return "seed fingerprint or creation time";
        }
        if (header.formatVersion() != formatVersion) {
            return "format version";
        }
        if (!Objects.equals(header.timeline(), timeline)) {
            return "timeline";
        }
        if (!Objects.equals(header.reservedThrough(), reservedThrough)) {
            return "reservedThrough";
        }
        return null;
    }

    @JsonIgnore
    public Instant createdInstant() {
        return Instant.parse(createdAt);
    }

    /**
     * Reads and checks the manifest {@code file}.
     *
     * @throws UnreadableManifestException naming the file and why it cannot be taken for a manifest
     */
    public static BackupManifest read(Path file) {
        BackupManifest manifest = parse(file, readBounded(file));
        String problem = problemOf(manifest, file.getFileName().toString());
        if (problem != null) {
            throw new UnreadableManifestException(file, problem, null);
        }
        return manifest;
    }

    private static byte[] readBounded(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnreadableManifestException(file, "not a regular file (a manifest is never a link or a directory)", null);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UnreadableManifestException(file, "cannot be read: " + IoFailures.reason(e), e);
        }
        if (bytes.length == 0) {
            throw new UnreadableManifestException(file, "the file is empty", null);
        }
        if (bytes.length > MAX_BYTES) {
            throw new UnreadableManifestException(file, "the file is larger than " + MAX_BYTES / 1024
                    + " KiB, the most a manifest may be", null);
        }
        return bytes;
    }

    private static BackupManifest parse(Path file, byte[] bytes) {
        try {
            // the whole document is parsed first, so its bounds hold wherever the mapping would have stopped reading
            JsonNode tree = READER.readTree(bytes);
            if (!tree.isObject()) {
                throw new UnreadableManifestException(file, "the JSON is not an object", null);
            }
            Set<String> present = new HashSet<>();
            tree.fieldNames().forEachRemaining(present::add);
            String unknown = present.stream().filter(name -> !FIELDS.contains(name)).sorted().findFirst().orElse(null);
            if (unknown != null) {
                throw new UnreadableManifestException(file, "unknown field " + quoted(unknown), null);
            }
            JsonNode version = tree.get("formatVersion");
            if (version != null && version.isInt() && !BackupHeader.isReadable(version.intValue())) {
                throw new UnreadableManifestException(file, unknownVersion(version.intValue()), null);
            }
            List<String> fields = version != null && version.isInt() && version.intValue() == BackupHeader.FORMAT_VERSION_1
                    ? FIELDS.stream().filter(name -> !VERSION_2_FIELDS.contains(name)).toList() : FIELDS;
            String versionTwoOnly = present.stream().filter(name -> !fields.contains(name)).sorted().findFirst().orElse(null);
            if (versionTwoOnly != null) {
                throw new UnreadableManifestException(file, "field " + quoted(versionTwoOnly)
                        + " is not one of format version 1", null);
            }
            List<String> missing = fields.stream().filter(name -> !present.contains(name)).toList();
            if (!missing.isEmpty()) {
                throw new UnreadableManifestException(file, "missing field(s) " + String.join(", ", missing), null);
            }
            JsonNode timeline = tree.get("timeline");
            if (timeline != null && timeline.isObject()) {
                List<String> missingFromTimeline = TIMELINE_FIELDS.stream().filter(name -> !timeline.has(name))
                        .map(name -> "timeline." + name).toList();
                if (!missingFromTimeline.isEmpty()) {
                    throw new UnreadableManifestException(file, "missing field(s) "
                            + String.join(", ", missingFromTimeline), null);
                }
            }
            return READER.readValue(tree);
        } catch (StreamConstraintsException e) {
            throw new UnreadableManifestException(file, "the JSON is nested deeper than " + MAX_NESTING_DEPTH
                    + " levels or holds a number longer than " + MAX_NUMBER_LENGTH + " characters", e);
        } catch (UnrecognizedPropertyException e) {
            throw new UnreadableManifestException(file, "unknown field " + quoted(fieldOf(e)), e);
        } catch (JsonMappingException e) {
            String field = fieldOf(e);
            throw new UnreadableManifestException(file, field.isEmpty() ? "more content follows the JSON object at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    : "field " + quoted(field) + " has a value of the wrong type", e);
        } catch (JsonProcessingException e) {
            throw new UnreadableManifestException(file, "not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnreadableManifestException(file, "cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** The field a mapping failure is about, as a dotted path ({@code counts.wallets}). */
    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream().map(JsonMappingException.Reference::getFieldName).filter(name -> name != null)
                .collect(Collectors.joining("."));
    }

    /** What makes {@code manifest}, read from the file {@code ownName}, unusable, or null. */
    private static String problemOf(BackupManifest manifest, String ownName) {
        if (!BackupHeader.isReadable(manifest.formatVersion())) {
            return unknownVersion(manifest.formatVersion());
        }
        if (!manifest.isVersion1()) {
            if (manifest.timeline() == null || manifest.reservedThrough() == null) {
                return "timeline and reservedThrough may not be null";
            }
            String timelineProblem = manifest.timeline().problem();
            if (timelineProblem != null) {
                return timelineProblem;
            }
            if (manifest.reservedThrough() < -1 || manifest.reservedThrough() > IndexReservation.HIGHEST_INDEX) {
                return "reservedThrough " + manifest.reservedThrough() + " is out of range";
            }
        }
        if (manifest.type() == null || manifest.createdAt() == null || manifest.counts() == null
                || manifest.fileName() == null) {
            return "type, createdAt, counts and fileName may not be null";
        }
        String malformed = malformed("id", manifest.id(), BACKUP_ID)
                + malformed("baseId", manifest.baseId(), BACKUP_ID)
                + (manifest.type() == BackupType.FULL && manifest.parentId() == null ? ""
                : malformed("parentId", manifest.parentId(), BACKUP_ID))
                + malformed("seedFingerprint", manifest.seedFingerprint(), FINGERPRINT)
                + malformed("sha256", manifest.sha256(), SHA256)
                + malformed("stateDigest", manifest.stateDigest(), SHA256)
                + malformed("contentDigest", manifest.contentDigest(), SHA256);
        if (!malformed.isEmpty()) {
            return malformed.substring(2);
        }
        Instant created;
        try {
            created = manifest.createdInstant();
        } catch (DateTimeParseException e) {
            return "createdAt " + quoted(manifest.createdAt()) + " is not an ISO-8601 instant";
        }
        if (!BackupFileName.isBackupFile(manifest.fileName())) {
            return "fileName " + quoted(manifest.fileName()) + " is not the name of a backup file in this directory "
                    + "(wallet-backup-<time>-<type>-<id>.wbk): a name in a manifest is never a path";
        }
        String expected = BackupFileName.of(created, manifest.type(), manifest.id());
        if (!manifest.fileName().equals(expected)) {
            return "fileName " + quoted(manifest.fileName()) + " does not match the manifest's id, type and "
                    + "creation time (" + expected + ")";
        }
        if (!ownName.equals(manifestNameFor(manifest.fileName()))) {
            return "it describes " + manifest.fileName() + ", so it must be named " + manifestNameFor(manifest.fileName());
        }
        return null;
    }

    private static String unknownVersion(int version) {
        return "format version " + version + " is not one this version reads (" + BackupHeader.readableVersions() + ")";
    }

    private static String malformed(String field, String value, Pattern shape) {
        if (value == null) {
            return "; " + field + " may not be null";
        }
        return shape.matcher(value).matches() ? "" : "; " + field + " " + quoted(value) + " is malformed";
    }

    /** A value from the file, quoted with control characters escaped and cut short: it is shown, never used. */
    private static String quoted(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        try {
            return WalletJson.mapper().writeValueAsString(shown);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string cannot be written as JSON", e);
        }
    }

    private static ObjectReader boundedReader() {
        ObjectMapper mapper = WalletJson.mapper().copy();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build());
        return mapper.readerFor(BackupManifest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** This manifest as its file holds it. */
    public byte[] toJson() throws IOException {
        return WalletJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }
}
