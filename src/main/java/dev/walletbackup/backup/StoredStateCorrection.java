package dev.walletbackup.backup;

import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.statedigest.RowSum;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.store.WalletStore;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corrects the store's LtHash of its state when a full backup found it different from the hash of the records it
 * wrote, which are the whole state at its snapshot (docs/backup-format.md, section 6.1): a write that bypassed
 * wallet-backup, or a defect. The correction is added to the hash as it is now, under the write fence, so every change
 * committed since the snapshot is kept. Incrementals taken since the previous full may carry a wrong state digest;
 * this full and the chain that follows it are right. The row sum beside the hash (section 6.2) is corrected the same
 * way, and is proven from then on: the first full after a restore, or after the store began keeping it, proves it.
 */
public final class StoredStateCorrection {
    private static final Logger LOG = LoggerFactory.getLogger(StoredStateCorrection.class);

    private final WalletStore store;

    public StoredStateCorrection(WalletStore store) {
        this.store = store;
    }

    /** Applies the session's correction, if any, and returns the note for the backup's report (null if none). */
    public String apply(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session) {
        Correction correction = session.storedStateCorrection();
        if (correction == null) {
            return null;
        }
        store.write(connection -> {
            StateDigestLedger.correct(connection, correction.ltHash(), correction.rowSum());
            return null;
        });
        if (!correction.stateDiffered()) {
            LOG.info("Backup {}: the store's row sum agrees with its rows from this full backup on",
                    session.plan().backupId());
            return null;
        }
        String note = "the store's state digest differed from its rows (a change made outside wallet-backup?); "
                + "corrected from this full backup. Incremental backups taken since the previous full may fail "
                + "their restore proof: restore this full or a later backup";
        LOG.warn("Backup {}: {}", session.plan().backupId(), note);
        return note;
    }

    /**
     * What to add to the store's LtHash and row sum; {@code stateDiffered} when the LtHash itself was wrong, not only
     * the row sum unproven or its text different.
     */
    public record Correction(LtHash ltHash, RowSum rowSum, boolean stateDiffered) {
    }
}
