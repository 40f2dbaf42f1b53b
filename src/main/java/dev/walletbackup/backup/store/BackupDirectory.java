package dev.walletbackup.backup.store;

import dev.walletbackup.backup.format.BackupManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory of backups read through its manifests alone, as on a machine that has nothing else. Only
 * complete backups count: a file without a manifest is an interrupted write. Oldest first.
 */
public final class BackupDirectory {
    private final Path directory;
    private final List<BackupManifest> manifests;

    private BackupDirectory(Path directory, List<BackupManifest> manifests) {
        this.directory = directory;
        this.manifests = manifests;
    }

    /** @throws dev.walletbackup.backup.format.BackupFormatException naming a manifest that cannot be read */
    public static BackupDirectory scan(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("the backup directory " + directory + " does not exist");
        }
        List<BackupManifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(BackupManifest.SUFFIX))
                    .filter(path -> !path.getFileName().toString().startsWith(".")).sorted().toList()) {
                manifests.add(BackupManifest.read(file));
            }
        }
        manifests.sort(Comparator.comparingLong(BackupManifest::highWaterMark)
                .thenComparing(BackupManifest::createdAt));
        return new BackupDirectory(directory, List.copyOf(manifests));
    }

    public Path directory() {
        return directory;
    }

    public List<BackupManifest> manifests() {
        return manifests;
    }

    public Optional<BackupManifest> find(String id) {
        return manifests.stream().filter(manifest -> manifest.id().equals(id)).findFirst();
    }

    public Path fileOf(BackupManifest manifest) {
        return directory.resolve(manifest.fileName());
    }

    public Path manifestFileOf(BackupManifest manifest) {
        return directory.resolve(BackupManifest.manifestNameFor(manifest.fileName()));
    }
}
