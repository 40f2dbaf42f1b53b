package dev.walletbackup.reconcile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.chain.ChainRpcException;
import java.util.List;
import java.util.Map;

/**
 * The result of one reconciliation: the heights compared at, totals per status and per chain, once for each chain
 * without an endpoint why it was not asked, and the rows that are not MATCH ({@link ReconciliationTally} says which
 * and in what order) — at most {@code wallet.reconcile.report-rows} of them; {@code rowsLeftOut} counts the rest.
 * A run is partial when some balances could not be compared (UNREACHABLE): they are neither matches nor mismatches.
 */
@JsonPropertyOrder({"evmBlock", "xrplLedger", "partial", "totals", "perChain", "notConfigured", "rows", "rowsLeftOut"})
public record ReconciliationReport(Long evmBlock, Long xrplLedger, Map<String, Long> totals,
                                   Map<String, Map<String, Long>> perChain, Map<String, String> notConfigured,
                                   List<ReconciliationRow> rows, long rowsLeftOut) {

    /** Whether some balances could not be compared: the run says nothing about them, and should be run again. */
    @JsonProperty("partial")
    public boolean partial() {
        return unreachable() > 0;
    }

    /** How many balances could not be compared. */
    @JsonIgnore
    public long unreachable() {
        return totals.getOrDefault(BalanceStatus.UNREACHABLE.name(), 0L);
    }

    /**
     * Whether a listed balance could not be compared because its endpoint is wrong (its host does not resolve, it
     * refuses the key, it is not a JSON-RPC endpoint): running again later will not help.
     */
    @JsonIgnore
    public boolean endpointMisconfigured() {
        return rows.stream().anyMatch(row -> row.status() == BalanceStatus.UNREACHABLE
                && ChainRpcException.isMisconfiguration(row.reason()));
    }

    /**
     * How many balances differ from their chain (MISMATCH, MISSING_ON_CHAIN): findings, whether or not the run is
     * partial, that running again does not clear.
     */
    @JsonIgnore
    public long differences() {
        return totals.getOrDefault(BalanceStatus.MISMATCH.name(), 0L)
                + totals.getOrDefault(BalanceStatus.MISSING_ON_CHAIN.name(), 0L);
    }

    /** The report of a reconciliation that compared nothing. */
    public static ReconciliationReport empty(Reconciler.Heights heights) {
        return new ReconciliationTally(0).report(heights);
    }
}
