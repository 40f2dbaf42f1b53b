package dev.walletbackup.backup.destination;

import dev.walletbackup.NotFoundException;
import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.UnreadableManifestException;
import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.timeline.Timelines;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A directory of backups read through its manifests alone, as on a machine that has nothing else. Only
 * complete backups count: a file without a manifest is an interrupted write. Oldest first. A manifest that cannot
 * be read is set aside with its reason and never blocks the others; files that are not backups (a {@code .wbk}
 * without a manifest, temporary files of interrupted writes) are named as orphans. Only files directly in the
 * directory are ever opened. A downloaded copy (from S3) is deleted on {@link #close()}.
 */
public final class BackupDirectory implements Closeable {
    /** A file that readers of the directory skip, and why: shown to the operator, never used. */
    public record Finding(String file, String reason) {
        /** The backup id the file's name claims, for a manifest that could not be read. */
        Optional<String> claimedId() {
            return BackupFileName.idOfManifest(name());
        }

        /** The creation instant the file's name claims, for a manifest that could not be read. */
        public Optional<Instant> claimedCreatedAt() {
            return BackupFileName.createdAtOfManifest(name());
        }

        private String name() {
            return file.substring(file.lastIndexOf('/') + 1);
        }
    }

    private final Path directory;
    private final String location;
    private final boolean temporary;
    private final List<BackupManifest> manifests;
    private final List<Finding> unreadable;
    private final List<Finding> orphans;

    private BackupDirectory(Path directory, String location, boolean temporary, List<BackupManifest> manifests,
                            List<Finding> unreadable, List<Finding> orphans) {
        this.directory = directory;
        this.location = location;
        this.temporary = temporary;
        this.manifests = manifests;
        this.unreadable = unreadable;
        this.orphans = orphans;
    }

    public static BackupDirectory scan(Path directory) throws IOException {
        return scan(directory, directory.toString(), false);
    }

    /**
     * Scans a private copy of {@code location} (an {@code s3://} source) in {@code directory}, which
     * {@link #close()} deletes.
     */
    static BackupDirectory scanCopy(Path directory, String location) throws IOException {
        return scan(directory, location, true);
    }

    private static BackupDirectory scan(Path directory, String location, boolean temporary) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NotFoundException("the backup directory " + directory + " does not exist");
        }
        List<String> names;
        try (Stream<Path> files = Files.list(directory)) {
            names = files.map(path -> path.getFileName().toString()).sorted().toList();
        }
        List<BackupManifest> manifests = new ArrayList<>();
        List<Finding> unreadable = new ArrayList<>();
        List<Finding> orphans = new ArrayList<>();
        Set<String> manifestNames = new HashSet<>();
        for (String name : names) {
            String shown = temporary ? location + name : directory.resolve(name).toString();
            if (BackupFileName.isTemporary(name)) {
                orphans.add(new Finding(shown, "a temporary file left by an interrupted write (or of a backup "
                        + "being written right now)"));
            } else if (!name.startsWith(".") && name.endsWith(BackupManifest.SUFFIX)) {
                manifestNames.add(name);
                try {
                    manifests.add(BackupManifest.read(directory.resolve(name)));
                } catch (UnreadableManifestException e) {
                    unreadable.add(new Finding(shown, e.reason()));
                }
            }
        }
        for (String name : names) {
            if (!name.startsWith(".") && name.endsWith(BackupManifest.BACKUP_SUFFIX)
                    && !manifestNames.contains(BackupManifest.manifestNameFor(name))) {
                orphans.add(new Finding(temporary ? location + name : directory.resolve(name).toString(),
                        "a backup file without a manifest: an interrupted write, or its manifest was removed; "
                                + "it is not a backup until its manifest is back"));
            }
        }
        manifests.sort(Comparator.comparing(BackupManifest::createdInstant).thenComparing(BackupManifest::id));
        return new BackupDirectory(directory, location, temporary, List.copyOf(manifests), List.copyOf(unreadable),
                List.copyOf(orphans));
    }

    public Path directory() {
        return directory;
    }

    /** Where the backups are, as the operator named them: the directory, or the {@code s3://} source. */
    public String location() {
        return location;
    }

    /**
     * Every readable backup, oldest first (by creation time). Which one is the newest of an installation is a
     * question of timelines: {@link #newest(List)}.
     */
    public List<BackupManifest> manifests() {
        return manifests;
    }

    /** Manifests that could not be read, with the reason: their backups are left out of everything. */
    public List<Finding> unreadable() {
        return unreadable;
    }

    /** Files that are not backups: a {@code .wbk} without a manifest, leftovers of interrupted writes. */
    public List<Finding> orphans() {
        return orphans;
    }

    public Optional<BackupManifest> find(String id) {
        return manifests.stream().filter(manifest -> manifest.id().equals(id)).findFirst();
    }

    /**
     * Fails unless there is at least one readable backup: an integrity failure when every manifest here is
     * unreadable, naming the first.
     */
    public void requireAny() {
        if (!manifests.isEmpty()) {
            return;
        }
        if (unreadable.isEmpty()) {
            throw new NotFoundException("there are no backups in " + location);
        }
        throw new BackupFormatException("no manifest in " + location + " can be read (" + unreadable.size()
                + " cannot; the first, " + unreadable.get(0).file() + ": " + unreadable.get(0).reason() + ")");
    }

    /**
     * The backup {@code id}. If it is not among the readable backups: an integrity failure naming its manifest
     * when that is here but cannot be read, else {@code notFound}.
     */
    public BackupManifest require(String id, Supplier<? extends RuntimeException> notFound) {
        return find(id).orElseThrow(() -> unreadableManifestOf(id)
                .<RuntimeException>map(finding -> new BackupFormatException(finding.file() + ": the manifest of backup "
                        + id + " cannot be read: " + finding.reason()))
                .orElseGet(notFound));
    }

    /** The unreadable manifest whose file name claims backup {@code id}, if there is one. */
    public Optional<Finding> unreadableManifestOf(String id) {
        return unreadable.stream().filter(finding -> finding.claimedId().filter(id::equals).isPresent()).findFirst();
    }

    /**
     * The backups of each installation (seed fingerprint), oldest first; the installation whose newest backup was
     * made last comes last.
     */
    public Map<String, List<BackupManifest>> installations() {
        Map<String, List<BackupManifest>> byFingerprint = manifests.stream().collect(Collectors.groupingBy(
                BackupManifest::seedFingerprint, LinkedHashMap::new, Collectors.toList()));
        return byFingerprint.entrySet().stream()
                .sorted(Comparator.comparing(entry -> newest(entry.getValue()).createdInstant()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** One warning per installation that holds more than one timeline head (docs/backup-format.md, section 11). */
    public List<String> severalHeadsWarnings() {
        return installations().values().stream().map(backups -> Timelines.of(backups).severalHeadsWarning())
                .filter(warning -> warning != null).toList();
    }

    /** The newest backup of one installation's backups: the head of its newest live timeline. */
    public static BackupManifest newest(List<BackupManifest> installation) {
        return Timelines.of(installation).newest();
    }

    /** The backup file a manifest describes: always directly in this directory, whatever the manifest says. */
    public Path fileOf(BackupManifest manifest) {
        if (!BackupFileName.isBackupFile(manifest.fileName())) {
            throw new BackupFormatException("backup " + manifest.id() + " names no backup file of " + location);
        }
        return directory.resolve(manifest.fileName());
    }

    public Path manifestFileOf(BackupManifest manifest) {
        return directory.resolve(BackupManifest.manifestNameFor(fileOf(manifest).getFileName().toString()));
    }

    /** Deletes the downloaded copy of a remote source; a local directory is left as it is. */
    @Override
    public void close() throws IOException {
        if (temporary) {
            AtomicFiles.deleteTree(directory);
        }
    }
}
