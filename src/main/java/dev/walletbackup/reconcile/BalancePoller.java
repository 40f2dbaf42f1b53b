package dev.walletbackup.reconcile;

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
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code balances sync}: reads every active wallet's balances from the chains (ether and the configured ERC-20
 * tokens on EVM, XRP in drops on the XRP Ledger) at the pinned heights and stores them as snapshots, a batch of
 * wallets per transaction. A chain that cannot be asked is skipped with a warning; it never stops the others.
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

    /** Polls one batch of wallet rows (agent_id, evm_address, xrp_address) and stores what the chains said. */
    public int poll(@Body List<Map<String, Object>> wallets,
                    @ExchangeProperty(ExchangeProperties.RECONCILE_HEIGHTS) Reconciler.Heights heights) {
        List<AgentBalance> fresh = new ArrayList<>();
        if (heights.evmProblem() == null) {
            List<BalanceQuery> queries = new ArrayList<>();
            for (Map<String, Object> wallet : wallets) {
                queries.add(new BalanceQuery((String) wallet.get("evm_address"), EvmJsonRpc.NATIVE));
                evmTokens.forEach(token -> queries.add(new BalanceQuery((String) wallet.get("evm_address"), token)));
            }
            EvmJsonRpc.Balances balances = evm.balances(queries, heights.evmBlock());
            if (!balances.problems().isEmpty()) {
                LOG.warn("Balance sync skipped {} of {} EVM balances: {}", balances.problems().size(), queries.size(),
                        balances.problems().values().iterator().next());
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
        if (heights.xrplProblem() == null) {
            for (Map<String, Object> wallet : wallets) {
                try {
                    fresh.add(snapshot((String) wallet.get("agent_id"), Chain.XRP, XrplJsonRpc.NATIVE,
                            xrpl.drops((String) wallet.get("xrp_address"), heights.xrplLedger()), 6, heights.xrplLedger()));
                } catch (ChainRpcException e) {
                    LOG.warn("Balance sync skipped agent {} on the XRP Ledger: {}", wallet.get("agent_id"), e.getMessage());
                }
            }
        }
        BalanceRepository balances = new BalanceRepository();
        store.write(connection -> {
            balances.upsertAll(connection, fresh);
            return null;
        });
        return fresh.size();
    }

    private AgentBalance snapshot(String agentId, Chain chain, String token, BigInteger amount, int decimals, long height) {
        return new AgentBalance(agentId, chain, token, amount, decimals, height, clock.instant(), 0);
    }

    private int decimalsOf(String token, long block) {
        return tokenDecimals.computeIfAbsent(token, contract -> evm.decimals(contract, block));
    }
}
