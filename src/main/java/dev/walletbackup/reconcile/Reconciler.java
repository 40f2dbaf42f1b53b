package dev.walletbackup.reconcile;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.chain.ChainRpcException;
import dev.walletbackup.chain.EvmJsonRpc.BalanceQuery;
import dev.walletbackup.chain.EvmJsonRpc;
import dev.walletbackup.chain.XrplJsonRpc;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.store.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Compares restored balance snapshots with the chains, a batch of snapshots at a time, at heights pinned once per
 * run. A chain that cannot be asked makes its rows UNREACHABLE with the reason, and so does a single request that
 * finally failed for its own rows only (the run is then partial); a chain without an endpoint makes them
 * NOT_CONFIGURED; neither fails the run.
 */
public final class Reconciler {
    private static final String NO_EVM = "no EVM node is configured (EVM_RPC_URL)";
    private static final String NO_XRPL = "no XRP Ledger server is configured (XRPL_RPC_URL)";

    private final EvmJsonRpc evm;
    private final XrplJsonRpc xrpl;
    private final ExecutorService xrplRequests;

    /**
     * @param evm  the EVM node, or null when EVM_RPC_URL is not configured
     * @param xrpl the rippled server, or null when XRPL_RPC_URL is not configured
     * @param maxInFlight XRP Ledger requests at once (rippled has no batch requests)
     */
    public Reconciler(EvmJsonRpc evm, XrplJsonRpc xrpl, int maxInFlight) {
        this.evm = evm;
        this.xrpl = xrpl;
        this.xrplRequests = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, "xrpl-request");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The heights every balance is read at, resolved once per run; a chain that cannot answer has none. */
    public record Heights(Long evmBlock, String evmProblem, Long xrplLedger, String xrplProblem) {
    }

    public Heights pin() {
        Long block = null;
        String evmProblem = NO_EVM;
        if (evm != null) {
            try {
                block = evm.latestBlock();
                evmProblem = null;
            } catch (ChainRpcException e) {
                evmProblem = e.getMessage();
            }
        }
        Long ledger = null;
        String xrplProblem = NO_XRPL;
        if (xrpl != null) {
            try {
                ledger = xrpl.validatedLedger();
                xrplProblem = null;
            } catch (ChainRpcException e) {
                xrplProblem = e.getMessage();
            }
        }
        return new Heights(block, evmProblem, ledger, xrplProblem);
    }

    /** Whether any chain has an endpoint; without one, the snapshots are counted rather than read. */
    public boolean asksAnyChain() {
        return evm != null || xrpl != null;
    }

    /**
     * The tally of a run that asks no chain: each chain's snapshots, counted by the store ({@code chain},
     * {@code snapshots} per row), are NOT_CONFIGURED, with the reason once per chain.
     */
    public ReconciliationTally notConfigured(@Body List<Map<String, Object>> snapshotsPerChain) {
        ReconciliationTally tally = new ReconciliationTally(0);
        for (Map<String, Object> counted : snapshotsPerChain) {
            Row row = Row.of(counted);
            Chain chain = Chain.fromWireName(row.string("chain"));
            tally.addNotConfigured(chain.wireName(), chain == Chain.XRP ? NO_XRPL : NO_EVM, row.longValue("snapshots"));
        }
        return tally;
    }

    /** Route predicate: the row's balance differs from the chain's, so it becomes telemetry. */
    public boolean isMismatch(@Body ReconciliationRow row) {
        return row.status() == BalanceStatus.MISMATCH;
    }

    /** Classifies one batch of snapshot rows (with their wallet's addresses) against the chains. */
    public List<ReconciliationRow> classify(@Body List<Map<String, Object>> rows,
                                            @ExchangeProperty(ExchangeProperties.RECONCILE_HEIGHTS) Heights heights) {
        List<AgentBalance> snapshots = new ArrayList<>();
        List<BalanceQuery> queries = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            AgentBalance snapshot = BalanceRepository.fromRow(Row.of(row));
            snapshots.add(snapshot);
            queries.add(snapshot.chain() == Chain.EVM ? new BalanceQuery((String) row.get("evm_address"), snapshot.token()) : null);
        }
        EvmJsonRpc.Balances onChain = new EvmJsonRpc.Balances(Map.of(), Map.of());
        String evmProblem = heights.evmProblem();
        List<BalanceQuery> evmQueries = queries.stream().filter(query -> query != null).toList();
        if (evmProblem == null && !evmQueries.isEmpty()) {
            onChain = evm.balances(evmQueries, heights.evmBlock());
        }
        Map<String, CompletableFuture<XrplAccount>> xrplAccounts = new HashMap<>();
        if (heights.xrplProblem() == null) {
            Map<String, Boolean> needsLines = new HashMap<>();
            for (int i = 0; i < snapshots.size(); i++) {
                if (snapshots.get(i).chain() == Chain.XRP) {
                    needsLines.merge((String) rows.get(i).get("xrp_address"),
                            !XrplJsonRpc.NATIVE.equals(snapshots.get(i).token()), Boolean::logicalOr);
                }
            }
            needsLines.forEach((account, lines) -> xrplAccounts.put(account, CompletableFuture.supplyAsync(
                    () -> readXrplAccount(account, lines, heights.xrplLedger()), xrplRequests)));
        }
        List<ReconciliationRow> classified = new ArrayList<>(snapshots.size());
        for (int i = 0; i < snapshots.size(); i++) {
            AgentBalance snapshot = snapshots.get(i);
            String chain = snapshot.chain().wireName();
            if (snapshot.chain() == Chain.XRP && xrpl == null || snapshot.chain() == Chain.EVM && evm == null) {
                classified.add(ReconciliationRow.notConfigured(snapshot.agentId(), chain, snapshot.token(),
                        snapshot.balance(), snapshot.chain() == Chain.XRP ? NO_XRPL : NO_EVM));
            } else if (snapshot.chain() == Chain.XRP) {
                classified.add(heights.xrplProblem() != null
                        ? ReconciliationRow.unreachable(snapshot.agentId(), chain, snapshot.token(), snapshot.balance(),
                                heights.xrplProblem())
                        : compareXrpl(snapshot, xrplAccounts.get((String) rows.get(i).get("xrp_address")).join()));
            } else if (evmProblem != null || onChain.problem(queries.get(i)) != null) {
                classified.add(ReconciliationRow.unreachable(snapshot.agentId(), chain, snapshot.token(),
                        snapshot.balance(), evmProblem != null ? evmProblem : onChain.problem(queries.get(i))));
            } else {
                BigInteger actual = onChain.amounts().get(queries.get(i));
                classified.add(actual == null
                        ? ReconciliationRow.missing(snapshot.agentId(), chain, snapshot.token(), snapshot.balance())
                        : ReconciliationRow.compared(snapshot.agentId(), chain, snapshot.token(), snapshot.balance(), actual));
            }
        }
        return classified;
    }

    /**
     * What one XRP Ledger account holds, each part with why it could not be read: XRP comes from {@code account_info}
     * and the trust lines from {@code account_lines}, so a request that fails leaves the other's rows compared.
     */
    private record XrplAccount(BigInteger drops, String dropsProblem, Map<String, BigDecimal> lines, String linesProblem) {
    }

    private XrplAccount readXrplAccount(String account, boolean withLines, long ledger) {
        BigInteger drops = null;
        String dropsProblem = null;
        try {
            drops = xrpl.drops(account, ledger);
        } catch (ChainRpcException e) {
            dropsProblem = e.getMessage();
        }
        Map<String, BigDecimal> lines = Map.of();
        String linesProblem = null;
        if (withLines) {
            try {
                lines = xrpl.lines(account, ledger);
            } catch (ChainRpcException e) {
                linesProblem = e.getMessage();
            }
        }
        return new XrplAccount(drops, dropsProblem, lines, linesProblem);
    }

    private static ReconciliationRow compareXrpl(AgentBalance snapshot, XrplAccount account) {
        String chain = snapshot.chain().wireName();
        boolean xrp = XrplJsonRpc.NATIVE.equals(snapshot.token());
        String problem = xrp ? account.dropsProblem() : account.linesProblem();
        if (problem != null) {
            return ReconciliationRow.unreachable(snapshot.agentId(), chain, snapshot.token(), snapshot.balance(), problem);
        }
        if (xrp) {
            return ReconciliationRow.compared(snapshot.agentId(), chain, snapshot.token(), snapshot.balance(), account.drops());
        }
        BigDecimal line = account.lines().get(snapshot.token());
        if (line == null) {
            return ReconciliationRow.missing(snapshot.agentId(), chain, snapshot.token(), snapshot.balance());
        }
        return ReconciliationRow.compared(snapshot.agentId(), chain, snapshot.token(), snapshot.balance(),
                inSmallestUnits(line, snapshot.decimals()));
    }

    /**
     * A trust line's decimal amount in units of the recorded decimals, every digit kept: truncating to the recorded
     * precision would turn 29.2512 recorded as 2925 with 2 decimals, or a line owed at -0.5 recorded as 0, into a
     * MATCH.
     */
    static BigDecimal inSmallestUnits(BigDecimal line, int decimals) {
        BigDecimal units = line.movePointRight(decimals).stripTrailingZeros();
        return units.scale() < 0 ? units.setScale(0) : units;
    }
}
