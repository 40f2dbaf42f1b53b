package dev.walletbackup.reconcile;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The result of one reconciliation: the heights compared at, totals per status and per chain, once for each chain
 * without an endpoint why it was not asked, and the rows that are not MATCH ({@link ReconciliationTally} says which
 * and in what order) — at most {@code wallet.reconcile.report-rows} of them; {@code rowsLeftOut} counts the rest.
 */
@JsonPropertyOrder({"evmBlock", "xrplLedger", "totals", "perChain", "notConfigured", "rows", "rowsLeftOut"})
public record ReconciliationReport(Long evmBlock, Long xrplLedger, Map<String, Long> totals,
                                   Map<String, Map<String, Long>> perChain, Map<String, String> notConfigured,
                                   List<ReconciliationRow> rows, long rowsLeftOut) {

    /** The report of a reconciliation that compared nothing. */
    public static ReconciliationReport empty(Reconciler.Heights heights) {
        return new ReconciliationTally(0).report(heights);
    }
}
