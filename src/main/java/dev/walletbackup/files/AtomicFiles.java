package dev.walletbackup.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** The write discipline of the backup directory: private modes, fsync, atomic rename, never overwrite. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Creates {@code directory} (mode 0700) if it is missing, tightens it (with a warning) if it is wider, and checks
     * it can be written.
     */
    public static Path privateDirectory(Path directory) throws IOException {
        try {
            PrivateModes.directory(directory);
        } catch (IOException e) {
            throw new IOException("the backup directory " + directory + " cannot be created: " + IoFailures.reason(e), e);
        }
        if (!Files.isWritable(directory)) {
            throw new IOException("the backup directory " + directory + " is not writable");
        }
        return directory;
    }

    /** Creates an empty file of mode 0600 that did not exist before. */
    public static Path createPrivateFile(Path file) throws IOException {
        return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** Renames {@code source} to {@code target} atomically, refusing to replace anything, then fsyncs the directory. */
    public static void publish(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a backup file is never overwritten");
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
        }
        syncDirectory(target.getParent());
    }

    /**
     * Renames {@code source} over {@code target} atomically — a reader sees the old file or the new one, never neither
     * — then fsyncs the directory. Only a rewrite of a file in place (a rekey) replaces; a new backup never does.
     */
    public static void replace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
        }
        syncDirectory(target.getParent());
    }

    /** Writes {@code content} to a temporary file, fsyncs it and publishes it as {@code target}. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        writePrivately(temp, content);
        try {
            publish(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Writes {@code content} to {@code file} (replacing a leftover of that name, mode 0600) and fsyncs it; a file
     * that could not be written whole is removed.
     */
    public static void writePrivately(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        createPrivateFile(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Deletes {@code directory} and everything under it; a directory that is already gone is fine. */
    public static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
