package dev.walletbackup.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * What a reconciliation has seen so far, in memory bounded by the row limit whatever the number of snapshots:
 * totals per status and per chain, the reason once for each chain without an endpoint, and at most {@code rowLimit}
 * rows that are not MATCH — the mismatches with the largest absolute delta first, then the other rows in snapshot
 * order. Rows beyond the limit are counted as left out.
 */
public final class ReconciliationTally {
    /** The order the report lists mismatches in: largest absolute delta first, then in the order they came. */
    private static final Comparator<Ranked> REPORT_ORDER = Comparator
            .comparing((Ranked ranked) -> ranked.row().delta().abs()).reversed()
            .thenComparingLong(Ranked::arrival);

    private final int rowLimit;
    private final Map<String, Long> totals = new TreeMap<>();
    private final Map<String, Map<String, Long>> perChain = new TreeMap<>();
    private final Map<String, String> notConfigured = new TreeMap<>();
    /** The kept mismatches; its head is the one to drop first (the last in report order). */
    private final PriorityQueue<Ranked> mismatches = new PriorityQueue<>(REPORT_ORDER.reversed());
    private final List<ReconciliationRow> others = new ArrayList<>();
    private long notMatching;
    private long arrivals;

    public ReconciliationTally(int rowLimit) {
        this.rowLimit = rowLimit;
        for (BalanceStatus status : BalanceStatus.values()) {
            totals.put(status.name(), 0L);
        }
    }

    public void addAll(List<ReconciliationRow> rows) {
        rows.forEach(this::add);
    }

    public void add(ReconciliationRow row) {
        totals.merge(row.status().name(), 1L, Long::sum);
        perChain.computeIfAbsent(row.chain(), chain -> new TreeMap<>()).merge(row.status().name(), 1L, Long::sum);
        switch (row.status()) {
            case MATCH -> {
            }
            case NOT_CONFIGURED -> notConfigured.putIfAbsent(row.chain(), row.reason());
            case MISMATCH -> {
                notMatching++;
                mismatches.add(new Ranked(row, arrivals++));
                if (mismatches.size() > rowLimit) {
                    mismatches.poll();
                }
            }
            default -> {
                notMatching++;
                if (others.size() < rowLimit) {
                    others.add(row);
                }
            }
        }
    }

    /** {@code count} NOT_CONFIGURED snapshots of a chain that was not asked, added at once. */
    public void addNotConfigured(String chain, String reason, long count) {
        if (count > 0) {
            totals.merge(BalanceStatus.NOT_CONFIGURED.name(), count, Long::sum);
            perChain.computeIfAbsent(chain, name -> new TreeMap<>()).merge(BalanceStatus.NOT_CONFIGURED.name(), count,
                    Long::sum);
            notConfigured.putIfAbsent(chain, reason);
        }
    }

    public ReconciliationReport report(Reconciler.Heights heights) {
        List<ReconciliationRow> rows = new ArrayList<>(mismatches.stream().sorted(REPORT_ORDER).map(Ranked::row).toList());
        rows.addAll(others.subList(0, Math.min(others.size(), rowLimit - rows.size())));
        return new ReconciliationReport(heights.evmBlock(), heights.xrplLedger(), totals, perChain, notConfigured,
                rows, notMatching - rows.size());
    }

    private record Ranked(ReconciliationRow row, long arrival) {
    }
}
