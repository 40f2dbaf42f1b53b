package dev.walletbackup.reconcile;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one reconciliation: the heights compared at, totals per status and per chain, and every row,
 * mismatches first by absolute delta, then the others in snapshot order.
 */
@JsonPropertyOrder({"evmBlock", "xrplLedger", "totals", "perChain", "rows"})
public record ReconciliationReport(Long evmBlock, Long xrplLedger, Map<String, Long> totals,
                                   Map<String, Map<String, Long>> perChain, List<ReconciliationRow> rows) {

    public static ReconciliationReport of(Reconciler.Heights heights, List<ReconciliationRow> rows) {
        Map<String, Long> totals = new TreeMap<>();
        Map<String, Map<String, Long>> perChain = new TreeMap<>();
        for (BalanceStatus status : BalanceStatus.values()) {
            totals.put(status.name(), 0L);
        }
        for (ReconciliationRow row : rows) {
            totals.merge(row.status().name(), 1L, Long::sum);
            perChain.computeIfAbsent(row.chain(), chain -> new TreeMap<>()).merge(row.status().name(), 1L, Long::sum);
        }
        List<ReconciliationRow> ordered = new ArrayList<>(rows.stream()
                .filter(row -> row.status() == BalanceStatus.MISMATCH)
                .sorted(Comparator.comparing((ReconciliationRow row) -> row.delta().abs()).reversed()).toList());
        rows.stream().filter(row -> row.status() != BalanceStatus.MISMATCH).forEach(ordered::add);
        return new ReconciliationReport(heights.evmBlock(), heights.xrplLedger(), totals, perChain, ordered);
    }
}
