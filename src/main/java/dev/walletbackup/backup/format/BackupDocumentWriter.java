package dev.walletbackup.backup.format;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.statedigest.RowSum;
import dev.walletbackup.wallet.AgentWallet;
import java.io.OutputStream;

/**
 * Streams a backup's payload record by record in the document of its header's format version: sections of rows for
 * version 4 ({@link SectionedDocumentWriter}), one JSON object ordered by derivation index for version 3
 * ({@link WalletBackupDocumentWriter}, kept for rewriting version-3 files under a new password).
 */
public interface BackupDocumentWriter {
    /** A writer whose full hashes its records into the LtHash its trailer carries. */
    static BackupDocumentWriter of(OutputStream out, BackupHeader header, MasterSeedRecord seed) {
        return of(out, header, seed, true);
    }

    /**
     * @param hashRecords whether a full hashes its records into their LtHash; false for a version-4 full whose caller
     *                    proves the store's LtHash with the {@link #rowSum} instead and gives it to {@link #finish}
     */
    static BackupDocumentWriter of(OutputStream out, BackupHeader header, MasterSeedRecord seed, boolean hashRecords) {
        return header.formatVersion() >= SectionedDocumentWriter.FIRST_VERSION
                ? new SectionedDocumentWriter(out, header, seed, hashRecords)
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
     * The row sum (docs/backup-format.md, section 6.2) of a full's rows, once every row is written; a version-4
     * document only ({@link SectionedDocumentWriter#rowSum}).
     */
    default RowSum rowSum() {
        throw new UnsupportedOperationException("a version-" + SectionedDocumentWriter.FIRST_VERSION
                + " document sums its rows, an earlier one does not");
    }

    /**
     * Closes the document with its trailer and returns it; does not close the stream.
     *
     * @param state the state's LtHash: the store's at an incremental's snapshot; for a full, the LtHash of its records
     *              as its caller proved it, or null for the sum of the records the document hashed itself
     */
    WalletBackupDocumentWriter.Summary finish(LtHash state);

    /** Stops the work behind an unfinished document, after a failure. */
    void abandon();
}
