package dev.walletbackup.backup;

import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what interrupted backups left in the backup directory: staged files ({@code .wallet-backup-….wbk.tmp},
 * {@code .wallet-backup-….manifest.json.tmp}) and files the file endpoint was publishing ({@code .wallet-backup-….part})
 * at once — it runs under the backup lock, so no backup is writing any of them —, and backup files without a manifest
 * (a backup is complete only once its manifest is written, last) once they are a day old: a young one may be a backup
 * an operator is copying back, file first, its manifest next. A {@code .wbk} that has a manifest is never touched.
 */
public final class BackupLeftovers {
    private static final Logger LOG = LoggerFactory.getLogger(BackupLeftovers.class);

    /** How old a {@code .wbk} without a manifest must be to count as a leftover, here and for retention. */
    public static final Duration ORPHAN_AGE = Duration.ofDays(1);

    private final Path backupDirectory;
    private final Clock clock;

    public BackupLeftovers(Path backupDirectory, Clock clock) {
        this.backupDirectory = backupDirectory;
        this.clock = clock;
    }

    /** @return a note naming what was removed, or null when there was nothing */
    public String remove() throws IOException {
        List<String> removed = new ArrayList<>();
        long bytes = 0;
        Instant orphanedBefore = clock.instant().minus(ORPHAN_AGE);
        for (Path file : find(Instant.MAX)) {
            if (!BackupFileName.isTemporary(file.getFileName().toString())
                    && !Files.getLastModifiedTime(file).toInstant().isBefore(orphanedBefore)) {
                continue;
            }
            long size = Files.size(file);
            if (Files.deleteIfExists(file)) {
                removed.add(file.getFileName().toString());
                bytes += size;
            }
        }
        if (removed.isEmpty()) {
            return null;
        }
        String note = "removed " + removed.size() + " leftovers of interrupted backups from " + backupDirectory + " ("
                + bytes + " bytes): " + String.join(", ", removed);
        LOG.info("Backup: {}", note);
        return note;
    }

    /**
     * The leftovers last modified before {@code modifiedBefore}, by name. Outside the backup lock only old ones are
     * sure to be leftovers (retention takes a day): a backup may be writing the young ones right now.
     */
    public List<Path> find(Instant modifiedBefore) throws IOException {
        if (!Files.isDirectory(backupDirectory)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(backupDirectory)) {
            for (Path file : files.filter(BackupLeftovers::isLeftover).sorted().toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(modifiedBefore)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static boolean isLeftover(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            return false;
        }
        return BackupFileName.isTemporary(name) || BackupFileName.isBackupFile(name)
                && !Files.exists(file.resolveSibling(BackupManifest.manifestNameFor(name)));
    }
}
