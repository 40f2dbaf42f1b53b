package dev.walletbackup.backup;

/**
 * The part of the {@link BackupLock} that every instance sharing the store sees. Taken after the process and file
 * locks, given back before them; one hold per process, however often its thread takes the backup lock again.
 */
public interface ClusterLock {
    /** No other instance can share the store (embedded H2): the file lock is the whole lock. */
    ClusterLock NONE = new ClusterLock() {
        @Override
        public boolean tryAcquire() {
            return true;
        }

        @Override
        public void release() {
            // nothing was taken
        }

        @Override
        public String holder() {
            return "nobody";
        }
    };

    /** Takes the lock if no other instance holds it now; whether it did. */
    boolean tryAcquire();

    /** Gives the lock back, and what kept it, or what a failed {@link #tryAcquire} left open. */
    void release();

    /** Who holds the lock and what it is, for the message of an instance that waited for it in vain. */
    String holder();
}
