package dev.walletbackup.backup;

import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.statedigest.RowSum;
import dev.walletbackup.store.StateDigestLedger;
import java.io.IOException;
import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves the state a full backup carries, in its snapshot, once every row is written (docs/backup-format.md, section
 * 6.2). The store keeps its LtHash and, beside it, the row sum of its rows; the full summed the text of the rows it
 * wrote. When the sums agree, the rows are the state the kept LtHash describes, and the full carries that LtHash —
 * a SHA-256 a row instead of expanding each into the LtHash's 2,048 bytes. When they differ (a change made outside
 * wallet-backup, or a defect), the rows are read again in the same snapshot and hashed; when the kept row sum is not
 * proven yet (the first full after a restore, or after the store began keeping it), the full hashed its rows as it
 * wrote them. Either way {@link StoredStateCorrection} then corrects what the store keeps.
 */
public final class FullStateProof {
    private static final Logger LOG = LoggerFactory.getLogger(FullStateProof.class);

    private final TableCopy tables;

    public FullStateProof(TableCopy tables) {
        this.tables = tables;
    }

    /**
     * Whether a full hashes its records as it writes them: only while the store's row sum is unproven, for it then
     * cannot prove the kept LtHash.
     */
    static boolean hashesRecords(BackupType type, StateDigestLedger.Kept stored) {
        return type == BackupType.FULL && !stored.rowSumProven();
    }

    public void prove(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session, Exchange exchange)
            throws SQLException, IOException {
        if (session.plan().type() != BackupType.FULL) {
            return;
        }
        session.documentWriting().finish();
        StateDigestLedger.Kept stored = session.stored();
        RowSum rows = session.document().rowSum();
        LtHash state;
        if (hashesRecords(BackupType.FULL, stored)) {
            state = null;
        } else if (rows.equals(stored.rowSum())) {
            state = stored.ltHash().copy();
        } else {
            LOG.info("Backup {}: the rows' row sum differs from the store's; hashing the snapshot's rows again",
                    session.plan().backupId());
            state = tables.ltHashOfSnapshot(session, exchange);
        }
        session.fullState(new FullState(state, rows));
    }
}
