package dev.walletbackup.restore;

import dev.walletbackup.reconcile.ReconciliationReport;
import dev.walletbackup.reconcile.Reconciler;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The reconciliation a restore ends with, when it does not run or fails: the restore stands either way. */
public final class ReconciliationAfterRestore {
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationAfterRestore.class);

    /** A dry run leaves the store as it was, so there is nothing new to reconcile and no telemetry to send. */
    public ReconciliationReport notReconciled() {
        String why = "dry run: nothing was restored";
        return ReconciliationReport.empty(new Reconciler.Heights(null, why, null, why));
    }

    /** The restore is committed whatever reconciliation does: a failed reconciliation is logged and reported empty. */
    public ReconciliationReport failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        LOG.error("Reconciliation after the restore failed: {}; run 'wallet-backup reconcile' once the cause is fixed",
                failure.getMessage());
        String why = failure.getMessage();
        return ReconciliationReport.empty(new Reconciler.Heights(null, why, null, why));
    }
}
