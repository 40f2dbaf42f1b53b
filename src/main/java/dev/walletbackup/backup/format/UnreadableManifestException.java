package dev.walletbackup.backup.format;

import java.nio.file.Path;

/**
 * A manifest that cannot be taken for what it claims: unreadable, over the bounds, not the JSON of a manifest, or
 * naming files it may not name. Keeps the file and the reason apart, so that a reader of a whole directory can
 * report it and go on with the others.
 */
public final class UnreadableManifestException extends BackupFormatException {
    private final transient Path file;
    private final String reason;

    public UnreadableManifestException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public String reason() {
        return reason;
    }
}
