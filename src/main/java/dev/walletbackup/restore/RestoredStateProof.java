package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.restore.ChainInTransaction.Proven;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.store.StateDigestLedger;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.camel.ExchangeProperty;

/**
 * The restore's proof, inside its transaction once every backup of the chain is applied: the state the store now
 * holds has the target backup's authenticated state digest, or nothing is committed. The store then keeps the LtHash
 * of what it holds.
 */
public final class RestoredStateProof {

    public void prove(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session)
            throws SQLException {
        ChainInTransaction transaction = session.transaction();
        Connection connection = transaction.connection();
        BackupManifest target = session.chain().target();
        Proven proven = transaction.lastProven();
        // Proven against the state digest this very read authenticated (the trailer; a version-1 full's own
        // content); only a version-1 incremental has none, and its manifest's is all there is. Version 3 proves
        // with the LtHash of the rows (section 6.1), earlier versions with their ordered encoding; either way
        // the store then keeps the LtHash of what it holds.
        String expected = proven.stateDigest() == null ? target.stateDigest() : proven.stateDigest();
        LtHash restored = StateDigestLedger.recompute(connection);
        String digest = proven.header().hasLtHashStateDigest() ? restored.digest()
                : StoreStateDigest.compute(connection);
        if (!digest.equals(expected)) {
            throw new BackupFormatException("verify restored state: the store's state digest " + digest
                    + " differs from backup " + target.id() + "'s " + expected + "; nothing was restored");
        }
        StateDigestLedger.replace(connection, restored);
        transaction.stateDigestProven(digest);
    }
}
