package dev.walletbackup.reconcile;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.reconcile.EvmJsonRpc.BalanceQuery;
import dev.walletbackup.store.Row;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Compares restored balance snapshots with the chains, a batch of snapshots at a time, at heights pinned once per
 * run. A chain that cannot be asked makes its rows UNREACHABLE with the reason; it never fails the run.
 */
public final class Reconciler {
    public static final String HEIGHTS = "walletReconcileHeights";
    private static final String NO_XRPL = "no XRP Ledger source is configured (XRPL_RPC_URL)";

    private final EvmJsonRpc evm;

    /** @param evm the EVM node, or null when EVM_RPC_URL is not configured */
    public Reconciler(EvmJsonRpc evm) {
        this.evm = evm;
    }

    /** The heights every balance is read at, resolved once per run; a chain that cannot answer has none. */
    public record Heights(Long evmBlock, String evmProblem, Long xrplLedger, String xrplProblem) {
    }

    public Heights pin() {
        if (evm == null) {
            return new Heights(null, "no EVM node is configured (EVM_RPC_URL)", null, NO_XRPL);
        }
        try {
            return new Heights(evm.latestBlock(), null, null, NO_XRPL);
        } catch (EvmJsonRpc.EvmRpcException e) {
            return new Heights(null, e.getMessage(), null, NO_XRPL);
        }
    }

    /** Classifies one batch of snapshot rows (with their wallet's addresses) against the chains. */
    public List<ReconciliationRow> classify(@Body List<Map<String, Object>> rows, @ExchangeProperty(HEIGHTS) Heights heights) {
        List<AgentBalance> snapshots = new ArrayList<>();
        List<BalanceQuery> queries = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            AgentBalance snapshot = BalanceRepository.fromRow(Row.of(row));
            snapshots.add(snapshot);
            queries.add(snapshot.chain() == Chain.EVM ? new BalanceQuery((String) row.get("evm_address"), snapshot.token()) : null);
        }
        Map<BalanceQuery, BigInteger> onChain = Map.of();
        String evmProblem = heights.evmProblem();
        List<BalanceQuery> evmQueries = queries.stream().filter(query -> query != null).toList();
        if (evmProblem == null && !evmQueries.isEmpty()) {
            try {
                onChain = evm.balances(evmQueries, heights.evmBlock());
            } catch (EvmJsonRpc.EvmRpcException e) {
                evmProblem = e.getMessage();
            }
        }
        List<ReconciliationRow> classified = new ArrayList<>(snapshots.size());
        for (int i = 0; i < snapshots.size(); i++) {
            AgentBalance snapshot = snapshots.get(i);
            String chain = snapshot.chain().wireName();
            if (snapshot.chain() == Chain.XRP) {
                classified.add(ReconciliationRow.unreachable(snapshot.agentId(), chain, snapshot.token(),
                        snapshot.balance(), heights.xrplProblem()));
            } else if (evmProblem != null) {
                classified.add(ReconciliationRow.unreachable(snapshot.agentId(), chain, snapshot.token(),
                        snapshot.balance(), evmProblem));
            } else {
                BigInteger actual = onChain.get(queries.get(i));
                classified.add(actual == null
                        ? ReconciliationRow.missing(snapshot.agentId(), chain, snapshot.token(), snapshot.balance())
                        : ReconciliationRow.compared(snapshot.agentId(), chain, snapshot.token(), snapshot.balance(), actual));
            }
        }
        return classified;
    }
}
