package dev.walletbackup.backup;

import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.statedigest.RowSum;
import dev.walletbackup.store.StateDigestLedger;

/**
 * A full backup's state (docs/backup-format.md, section 6): the LtHash its trailer carries — null until the document
 * has summed it, when the full hashes its records itself — and the row sum of the rows it wrote.
 */
record FullState(LtHash ltHash, RowSum rowSum) {
    /**
     * What the store's kept LtHash and row sum lacked at the snapshot, to be added to them; null when both agree with
     * this full's and the row sum was proven already.
     */
    StoredStateCorrection.Correction correction(StateDigestLedger.Kept stored) {
        boolean stateDiffers = !ltHash.equals(stored.ltHash());
        if (!stateDiffers && rowSum.equals(stored.rowSum()) && stored.rowSumProven()) {
            return null;
        }
        return new StoredStateCorrection.Correction(ltHash.copy().subtract(stored.ltHash()),
                rowSum.copy().subtract(stored.rowSum()), stateDiffers);
    }
}
