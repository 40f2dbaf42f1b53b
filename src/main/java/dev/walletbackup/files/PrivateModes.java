package dev.walletbackup.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installation's files belong to the account that runs it: directories 0700, files 0600. Java has no umask,
 * so what this process creates gets those modes explicitly, and what already exists with group or other bits is
 * tightened, with one warning naming the path and its old mode (someone may have relied on it).
 */
public final class PrivateModes {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateModes.class);
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateModes() {
    }

    /**
     * Makes {@code directory} exist with mode 0700 (each missing parent too), or tightens it if it exists.
     *
     * @return the directories created, outermost first (empty when it existed)
     */
    public static List<Path> directory(Path directory) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path dir = directory.toAbsolutePath(); dir != null && !Files.exists(dir); dir = dir.getParent()) {
            missing.add(0, dir);
        }
        for (Path dir : missing) {
            Files.createDirectory(dir);
            if (isPosix(dir)) {
                Files.setPosixFilePermissions(dir, DIRECTORY);
            }
        }
        if (missing.isEmpty()) {
            tighten(directory, true);
        }
        return missing;
    }

    /**
     * Removes group and other permissions from an existing file or directory. {@code warn}: say so when that changed
     * anything (false for files this process has just created, whose wider mode nobody has seen).
     */
    public static void tighten(Path path, boolean warn) throws IOException {
        if (!Files.exists(path) || !isPosix(path)) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        Set<PosixFilePermission> tightened = EnumSet.noneOf(PosixFilePermission.class);
        tightened.addAll(mode);
        tightened.removeAll(GROUP_AND_OTHERS);
        if (tightened.equals(mode)) {
            return;
        }
        Files.setPosixFilePermissions(path, tightened);
        if (warn) {
            LOG.warn("{} had mode {}; tightened to {}: wallet data is readable by its owner only", path, octal(mode),
                    octal(tightened));
        }
    }

    /** Creates an empty file of mode 0600 if it is missing. @return whether it was created */
    public static boolean createFile(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        return true;
    }

    static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission permission : mode) {
            bits |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", bits);
    }

    private static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
