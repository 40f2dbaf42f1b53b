package dev.walletbackup.backup.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The write discipline of the backup directory: private modes, fsync, atomic rename, never overwrite. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Creates {@code directory} (mode 0700) if it is missing, and checks it can be written. */
    public static Path privateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new IOException("the backup directory " + directory + " cannot be created: " + reason(e), e);
            }
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        if (!Files.isWritable(directory)) {
            throw new IOException("the backup directory " + directory + " is not writable");
        }
        return directory;
    }

    /**
     * Why a file operation failed, without repeating the path: the exceptions of java.nio.file carry the path as
     * their message and the reason (when the OS gave one) apart, or only in their type.
     */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file is in the way";
        }
        return e.getMessage();
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

    /** Writes {@code content} to a temporary file, fsyncs it and publishes it as {@code target}. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        createPrivateFile(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(content));
            channel.force(true);
        }
        publish(temp, target);
    }

    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
