package dev.walletbackup.backup;

import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what interrupted backups left in the backup directory: staged files ({@code .wallet-backup-….wbk.tmp},
 * {@code .wallet-backup-….manifest.json.tmp}), files the file endpoint was publishing ({@code .wallet-backup-….part})
 * and backup files without a manifest (a backup
 * is complete only once its manifest is written, last). It runs under the backup lock, so no backup is writing any
 * of them: every one is a leftover. A {@code .wbk} that has a manifest is never touched.
 */
public final class BackupLeftovers {
    private static final Logger LOG = LoggerFactory.getLogger(BackupLeftovers.class);

    private final Path backupDirectory;

    public BackupLeftovers(Path backupDirectory) {
        this.backupDirectory = backupDirectory;
    }

    /** @return a note naming what was removed, or null when there was nothing */
    public String remove() throws IOException {
        List<String> removed = new ArrayList<>();
        long bytes = 0;
        for (Path file : find(Instant.MAX)) {
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
