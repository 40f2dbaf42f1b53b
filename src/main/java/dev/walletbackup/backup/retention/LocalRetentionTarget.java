package dev.walletbackup.backup.retention;

import dev.walletbackup.backup.BackupLeftovers;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.destination.LocalDirectoryDestination;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local backup directory. Each deletion is made durable (fsync of the directory) before the next, so that after
 * a crash the manifest is never back while its {@code .wbk} is gone.
 */
final class LocalRetentionTarget implements RetentionTarget {
    private final Path directory;

    LocalRetentionTarget(Path directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return LocalDirectoryDestination.NAME;
    }

    @Override
    public Contents scan(Instant leftoversBefore) throws IOException {
        if (!Files.isDirectory(directory)) {
            return new Contents(List.of(), Map.of(), List.of(), Map.of());
        }
        BackupDirectory scanned = BackupDirectory.scan(directory);
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (BackupManifest manifest : scanned.manifests()) {
            files.put(manifest.id(), List.of(scanned.manifestFileOf(manifest), scanned.fileOf(manifest)).stream()
                    .filter(Files::exists).map(Path::toString).toList());
        }
        List<String> leftovers = new BackupLeftovers(directory, Clock.systemUTC()).find(leftoversBefore).stream().map(Path::toString)
                .toList();
        return new Contents(scanned.manifests(), files, leftovers, Map.of());
    }

    @Override
    public void delete(String file) throws IOException {
        Path path = Path.of(file);
        if (!directory.equals(path.getParent())) {
            throw new IllegalArgumentException(file + " is not a file of the backup directory " + directory);
        }
        Files.deleteIfExists(path);
        AtomicFiles.syncDirectory(directory);
    }
}
