package dev.walletbackup.backup.format;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.wallet.AgentWallet;
import java.io.OutputStream;

/**
 * Streams a backup's payload record by record in the document of its header's format version: sections of rows for
 * version 4 ({@link SectionedDocumentWriter}), one JSON object ordered by derivation index for version 3
 * ({@link WalletBackupDocumentWriter}, kept for rewriting version-3 files under a new password).
 */
public interface BackupDocumentWriter {
    static BackupDocumentWriter of(OutputStream out, BackupHeader header, MasterSeedRecord seed) {
        return header.formatVersion() >= SectionedDocumentWriter.FIRST_VERSION
                ? new SectionedDocumentWriter(out, header, seed)
                : new WalletBackupDocumentWriter(out, header, seed);
    }

    void wallet(AgentWallet wallet);

    void lifecycle(WalletLifecycleRecord record);

    void balance(AgentBalance balance);

    void tombstone(Tombstone tombstone);

    /**
     * Where rows of {@code section} that are row text already (a PostgreSQL COPY's output) are written as they come;
     * a version-4 document only ({@link SectionedDocumentWriter#rowsOf}).
     */
    OutputStream rowsOf(Section section);

    /** The rows written so far, of every section. */
    long rows();

    /**
     * Closes the document with its trailer and returns it; does not close the stream.
     *
     * @param incrementalState the store's LtHash at an incremental's snapshot; null for a full, whose records are
     *                         the whole state
     */
    WalletBackupDocumentWriter.Summary finish(LtHash incrementalState);

    /** Stops the work behind an unfinished document, after a failure. */
    void abandon();
}
