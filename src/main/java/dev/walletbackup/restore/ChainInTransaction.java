package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupHeader;
import dev.walletbackup.progress.Progress;
import java.sql.Connection;

/**
 * A chain being applied inside the restore's one transaction ({@link RestoreTransaction}): its connection, the
 * address proof that runs beside every file's load, the progress shown, and what the files read so far
 * authenticated. Closed when the transaction ends, committed or not.
 */
final class ChainInTransaction implements AutoCloseable {
    private final Connection connection;
    private final AddressProof addresses;
    private final Progress.Task progress;
    private Proven lastProven;
    private String provenStateDigest;

    /** What reading one backup inside the transaction authenticated: its header and its trailer's state digest. */
    record Proven(BackupHeader header, String stateDigest) {
    }

    ChainInTransaction(Connection connection, AddressProof addresses, Progress.Task progress) {
        this.connection = connection;
        this.addresses = addresses;
        this.progress = progress;
    }

    Connection connection() {
        return connection;
    }

    AddressProof addresses() {
        return addresses;
    }

    Progress.Task progress() {
        return progress;
    }

    /** What the newest backup applied so far authenticated; the target's once every member is applied. */
    Proven lastProven() {
        if (lastProven == null) {
            throw new IllegalStateException("restore: no backup of the chain was applied");
        }
        return lastProven;
    }

    void applied(Proven proven) {
        this.lastProven = proven;
    }

    /** The restored state's digest, once it was proven equal to the target's. */
    String provenStateDigest() {
        return provenStateDigest;
    }

    void stateDigestProven(String digest) {
        this.provenStateDigest = digest;
    }

    @Override
    public void close() {
        try (progress) {
            addresses.close();
        }
    }
}
