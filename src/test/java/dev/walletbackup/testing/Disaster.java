package dev.walletbackup.testing;

import dev.walletbackup.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The disaster of the recovery tests: the backups are copied somewhere safe, then the installation is gone. */
public final class Disaster {
    private Disaster() {
    }

    /** Copies {@code dataDir}'s backup directory to {@code copy}, deletes {@code dataDir}, returns the copy. */
    public static Path keepBackupsAndDestroy(Path dataDir, Path copy) throws IOException {
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dataDir.resolve("backups"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        AtomicFiles.deleteTree(dataDir);
        return copy;
    }
}
