package dev.walletbackup.backup.catalog;

import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.files.FileDigests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a backup the catalog knows is really in the local backup directory: its file with the size and SHA-256
 * the catalog recorded, and its manifest beside it. The catalog follows the directory, not the other way round:
 * this is what {@code backup list} shows and what an incremental's parent chain must pass.
 */
public final class LocalCopyCheck {
    /** What the backup directory holds of one backup. */
    public enum Status { PRESENT, MISSING, DAMAGED }

    /** The status of one catalog entry; {@code problem} says what is wrong, naming the file, or is null. */
    public record Result(Status status, String problem) {
        static final Result PRESENT = new Result(Status.PRESENT, null);

        public boolean present() {
            return status == Status.PRESENT;
        }
    }

    private final Path directory;

    public LocalCopyCheck(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Reads the whole file once for its SHA-256. */
    public Result check(CatalogEntry entry) {
        Path file = directory.resolve(entry.fileName());
        Path manifest = directory.resolve(BackupManifest.manifestNameFor(entry.fileName()));
        try {
            if (!Files.isRegularFile(file)) {
                return new Result(Status.MISSING, file + " is not there");
            }
            if (!Files.isRegularFile(manifest)) {
                return new Result(Status.MISSING, "the manifest " + manifest + " is not there");
            }
            long bytes = Files.size(file);
            if (bytes != entry.bytes()) {
                return new Result(Status.DAMAGED, file + " has " + bytes + " bytes; " + entry.bytes() + " were written");
            }
            if (!FileDigests.sha256(file).equals(entry.sha256())) {
                return new Result(Status.DAMAGED, file + " is not the file that was written (its SHA-256 differs)");
            }
            if (!BackupManifest.read(manifest).sha256().equals(entry.sha256())) {
                return new Result(Status.DAMAGED, "the manifest " + manifest + " describes another file");
            }
            return Result.PRESENT;
        } catch (BackupFormatException e) {
            return new Result(Status.DAMAGED, e.getMessage());
        } catch (IOException e) {
            return new Result(Status.DAMAGED, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
