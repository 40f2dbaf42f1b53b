package dev.walletbackup.reconcile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.chain.ChainRpcException;
import dev.walletbackup.chain.EvmJsonRpc.BalanceQuery;
import dev.walletbackup.chain.EvmJsonRpc;
import dev.walletbackup.chain.XrplJsonRpc;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.store.WalletStore;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code balances sync}: reads every active wallet's balances from the chains (ether and the configured ERC-20
 * tokens on EVM, XRP in drops on the XRP Ledger) at the pinned heights and stores them as snapshots, a batch of
 * wallets per transaction. A chain that cannot be asked, or a request that finally failed, leaves its balances unread
 * and never stops the others; the sync's {@link Report} then names the chain and why, and says one warning in the log,
 * so neither the command nor the schedule passes a dead endpoint for a quiet success.
 */
public final class BalancePoller {
    private static final Logger LOG = LoggerFactory.getLogger(BalancePoller.class);
    private final WalletStore store;
    private final EvmJsonRpc evm;
    private final XrplJsonRpc xrpl;
    private final List<String> evmTokens;
    private final Clock clock;
    private final Map<String, Integer> tokenDecimals = new HashMap<>();

    public BalancePoller(WalletStore store, EvmJsonRpc evm, XrplJsonRpc xrpl, List<String> evmTokens, Clock clock) {
        this.store = store;
        this.evm = evm;
        this.xrpl = xrpl;
        this.evmTokens = List.copyOf(evmTokens);
        this.clock = clock;
    }

    /**
     * What a sync did: how many snapshots it stored, how many balances it could not read, and for each chain (wire
     * name) with some of those the first reason. A sync with unread balances is partial.
     */
    @JsonPropertyOrder({"stored", "unread", "failed"})
    public record Report(long stored, long unread, Map<String, String> failed) {
        @JsonIgnore
        public boolean partial() {
            return !failed.isEmpty();
        }

        private Report plus(Report other) {
            Map<String, String> both = new TreeMap<>(other.failed);
            both.putAll(failed);
            return new Report(stored + other.stored, unread + other.unread, both);
        }
    }

    /**
     * The whole sync's report from its batches' ({@code batches} is the list the split gathered, or not a list when
     * there was no active wallet), with a chain whose height could not be pinned failed even then; logged once.
     */
    public Report summarize(@Body Object batches,
                            @ExchangeProperty(ExchangeProperties.RECONCILE_HEIGHTS) Reconciler.Heights heights) {
        Report report = new Report(0, 0, Map.of());
        if (batches instanceof List<?> list) {
            for (Object batch : list) {
                report = report.plus((Report) batch);
            }
        }
        Map<String, String> failed = new TreeMap<>(report.failed());
        if (evm != null && heights.evmProblem() != null) {
            failed.putIfAbsent(Chain.EVM.wireName(), heights.evmProblem());
        }
        if (xrpl != null && heights.xrplProblem() != null) {
            failed.putIfAbsent(Chain.XRP.wireName(), heights.xrplProblem());
        }
        report = new Report(report.stored(), report.unread(), failed);
        if (report.partial()) {
            LOG.warn("Balance sync is partial: stored {} snapshots, {} balances not read: {}", report.stored(),
                    report.unread(), failed);
        }
        return report;
    }

    /** Polls one batch of wallet rows (agent_id, evm_address, xrp_address) and stores what the chains said. */
    public Report poll(@Body List<Map<String, Object>> wallets,
                    @ExchangeProperty(ExchangeProperties.RECONCILE_HEIGHTS) Reconciler.Heights heights) {
        List<AgentBalance> fresh = new ArrayList<>();
        Map<String, String> failed = new TreeMap<>();
        long unread = 0;
        if (evm != null && heights.evmProblem() != null) {
            failed.put(Chain.EVM.wireName(), heights.evmProblem());
            unread += (long) wallets.size() * (1 + evmTokens.size());
        } else if (evm != null) {
            List<BalanceQuery> queries = new ArrayList<>();
            for (Map<String, Object> wallet : wallets) {
                queries.add(new BalanceQuery((String) wallet.get("evm_address"), EvmJsonRpc.NATIVE));
                evmTokens.forEach(token -> queries.add(new BalanceQuery((String) wallet.get("evm_address"), token)));
            }
            EvmJsonRpc.Balances balances = evm.balances(queries, heights.evmBlock());
            if (!balances.problems().isEmpty()) {
                failed.put(Chain.EVM.wireName(), balances.problems().values().iterator().next());
                unread += balances.problems().size();
            }
            for (Map<String, Object> wallet : wallets) {
                String agentId = (String) wallet.get("agent_id");
                String address = (String) wallet.get("evm_address");
                BalanceQuery ether = new BalanceQuery(address, EvmJsonRpc.NATIVE);
                if (balances.problem(ether) == null) {
                    fresh.add(snapshot(agentId, Chain.EVM, EvmJsonRpc.NATIVE, balances.amounts().get(ether), 18,
                            heights.evmBlock()));
                }
                for (String token : evmTokens) {
                    BigInteger amount = balances.amounts().get(new BalanceQuery(address, token));
                    if (amount != null) {
                        fresh.add(snapshot(agentId, Chain.EVM, token, amount, decimalsOf(token, heights.evmBlock()),
                                heights.evmBlock()));
                    }
                }
            }
        }
        if (xrpl != null && heights.xrplProblem() != null) {
            failed.put(Chain.XRP.wireName(), heights.xrplProblem());
            unread += wallets.size();
        } else if (xrpl != null) {
            for (Map<String, Object> wallet : wallets) {
                try {
                    fresh.add(snapshot((String) wallet.get("agent_id"), Chain.XRP, XrplJsonRpc.NATIVE,
                            xrpl.drops((String) wallet.get("xrp_address"), heights.xrplLedger()), 6, heights.xrplLedger()));
                } catch (ChainRpcException e) {
                    failed.putIfAbsent(Chain.XRP.wireName(), e.getMessage());
                    unread++;
                }
            }
        }
        BalanceRepository balances = new BalanceRepository();
        store.write(connection -> {
            balances.upsertAll(connection, fresh);
            return null;
        });
        return new Report(fresh.size(), unread, failed);
    }

    private AgentBalance snapshot(String agentId, Chain chain, String token, BigInteger amount, int decimals, long height) {
        return new AgentBalance(agentId, chain, token, amount, decimals, height, clock.instant(), 0);
    }

    private int decimalsOf(String token, long block) {
        return tokenDecimals.computeIfAbsent(token, contract -> evm.decimals(contract, block));
    }
}
