package dev.walletbackup.backup.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of a backup's two files (docs/backup-format.md, section 3): made from its creation time, type and id
 * alone, so a name is never a path, and a name read from anywhere is accepted only if it has exactly this shape.
 */
public final class BackupFileName {
    public static final String BACKUP_SUFFIX = ".wbk";
    public static final String MANIFEST_SUFFIX = ".manifest.json";
    private static final String STAGED_SUFFIX = ".tmp";
    private static final String PUBLISHING_SUFFIX = ".part";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern STEM = Pattern.compile("wallet-backup-(\\d{8}T\\d{9}Z)-(?:full|incremental)-([0-9a-f]{16})");
    private static final Pattern BACKUP = Pattern.compile(STEM.pattern() + Pattern.quote(BACKUP_SUFFIX));
    private static final Pattern MANIFEST = Pattern.compile(STEM.pattern() + Pattern.quote(MANIFEST_SUFFIX));

    private BackupFileName() {
    }

    /** {@code wallet-backup-<yyyyMMdd'T'HHmmssSSS'Z'>-<type>-<id>.wbk}. */
    public static String of(Instant createdAt, BackupType type, String backupId) {
        return "wallet-backup-" + STAMP.format(createdAt) + "-" + type.wireName() + "-" + backupId + BACKUP_SUFFIX;
    }

    /** The manifest file name that goes with a backup file name. */
    public static String manifestFor(String backupFileName) {
        return backupFileName.substring(0, backupFileName.length() - BACKUP_SUFFIX.length()) + MANIFEST_SUFFIX;
    }

    /** Where the writer stages a file of the backup directory until it is complete and verified. */
    public static String stagedFor(String name) {
        return "." + name + STAGED_SUFFIX;
    }

    /** The name the file endpoint gives a staged file between its two renames, on its way to {@code name}. */
    public static String publishingFor(String name) {
        return "." + name + PUBLISHING_SUFFIX;
    }

    /** A staged or publishing file of a backup: a write in progress, or left by an interrupted one. */
    public static boolean isTemporary(String name) {
        return name.startsWith(".wallet-backup-") && (name.endsWith(STAGED_SUFFIX) || name.endsWith(PUBLISHING_SUFFIX));
    }

    public static boolean isBackupFile(String name) {
        return BACKUP.matcher(name).matches();
    }

    public static boolean isManifestFile(String name) {
        return MANIFEST.matcher(name).matches();
    }

    /** The backup id a manifest file name carries, if the name has the shape of one. */
    public static Optional<String> idOfManifest(String name) {
        Matcher matcher = MANIFEST.matcher(name);
        return matcher.matches() ? Optional.of(matcher.group(2)) : Optional.empty();
    }

    /** The creation instant a manifest file name carries, if the name has the shape of one. */
    public static Optional<Instant> createdAtOfManifest(String name) {
        Matcher matcher = MANIFEST.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(STAMP.parse(matcher.group(1))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
