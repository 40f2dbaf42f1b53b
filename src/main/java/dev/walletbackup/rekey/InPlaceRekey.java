package dev.walletbackup.rekey;

import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupRekey;
import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Brings one backup in a directory under the new password: the new file beside the old one under its temporary name,
 * read back with the new password, renamed over the old one; then its manifest the same way. A file the new password
 * opens already (an interrupted run) is read whole instead, and its manifest rewritten if it still describes the old
 * file.
 */
final class InPlaceRekey {
    private final PasswordSource current;
    private final Argon2Parameters kdf;

    InPlaceRekey(PasswordSource current, Argon2Parameters kdf) {
        this.current = current;
        this.kdf = kdf;
    }

    /** What was done, and the manifest of the file as it now is. */
    record Outcome(boolean rewritten, BackupManifest manifest) {
    }

    Outcome rekey(Path file, BackupManifest manifest, Path manifestFile, Rotation rotation) throws IOException {
        String name = file.getFileName().toString();
        BackupRekey.Opened result;
        boolean rewritten;
        try (Password newPassword = rotation.next().get()) {
            rewritten = !BackupRekey.opens(file, newPassword);
            if (rewritten) {
                Path staged = file.resolveSibling(BackupFileName.stagedFor(name));
                Files.deleteIfExists(staged);
                try (Password oldPassword = current.get()) {
                    result = BackupRekey.rewrite(file, staged, name, oldPassword, newPassword, rotation.envelope(), kdf);
                }
                AtomicFiles.replace(staged, file);
            } else {
                result = BackupRekey.open(file, name, newPassword);
            }
        }
        if (!result.manifest().equals(manifest)) {
            Path staged = manifestFile.resolveSibling(BackupFileName.stagedFor(manifestFile.getFileName().toString()));
            AtomicFiles.writePrivately(staged, result.manifest().toJson());
            AtomicFiles.replace(staged, manifestFile);
        }
        return new Outcome(rewritten, result.manifest());
    }
}
