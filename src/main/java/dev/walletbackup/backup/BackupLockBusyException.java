package dev.walletbackup.backup;

/** The {@link BackupLock} stayed held by another run, here or on another instance, for the whole wait. */
public final class BackupLockBusyException extends IllegalStateException {
    public BackupLockBusyException(String message) {
        super(message);
    }
}
