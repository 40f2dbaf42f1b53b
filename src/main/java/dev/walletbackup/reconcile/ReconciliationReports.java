package dev.walletbackup.reconcile;

import dev.walletbackup.routes.ExchangeProperties;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** The last step of the reconciliation route: the report from the heights and the tally of every classified row. */
public final class ReconciliationReports {
    public ReconciliationReport build(
            @Body Object tally, @ExchangeProperty(ExchangeProperties.RECONCILE_HEIGHTS) Reconciler.Heights heights) {
        // Without any snapshot the split aggregated nothing and the body is still the (empty) query result.
        return tally instanceof ReconciliationTally rows ? rows.report(heights) : ReconciliationReport.empty(heights);
    }
}
