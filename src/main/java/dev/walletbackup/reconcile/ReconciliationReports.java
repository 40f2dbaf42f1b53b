package dev.walletbackup.reconcile;

import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** The last step of the reconciliation route: the report from the heights and every classified row. */
public final class ReconciliationReports {
    public ReconciliationReport build(@Body Object rows, @ExchangeProperty(Reconciler.HEIGHTS) Reconciler.Heights heights) {
        @SuppressWarnings("unchecked")
        List<ReconciliationRow> classified = rows instanceof List<?> list ? (List<ReconciliationRow>) list : List.of();
        return ReconciliationReport.of(heights, classified);
    }
}
