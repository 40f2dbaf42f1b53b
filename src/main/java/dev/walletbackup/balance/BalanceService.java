package dev.walletbackup.balance;

import dev.walletbackup.UnknownAgentException;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.wallet.WalletRepository;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Records, lists and removes balance snapshots of agent wallets. */
public final class BalanceService {
    private final WalletStore store;
    private final BalanceRepository balances = new BalanceRepository();
    private final WalletRepository wallets = new WalletRepository();
    private final Clock clock;

    public BalanceService(WalletStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records {@code token} as {@link BalanceTokens#normalise} writes it, so that one token is one snapshot. */
    public AgentBalance record(String agentId, Chain chain, String token, BigInteger amount, int decimals,
                               Long blockNumber) {
        String stored = BalanceTokens.normalise(chain, token);
        AgentBalance balance = new AgentBalance(agentId, chain, stored, amount, decimals, blockNumber, clock.instant(), 0);
        return store.write(connection -> {
            wallets.find(connection, agentId).orElseThrow(() -> new UnknownAgentException(agentId));
            balances.upsert(connection, balance);
            List<AgentBalance> rows = new ArrayList<>();
            balances.forEach(connection, agentId, row -> {
                if (row.chain() == chain && row.token().equals(stored)) {
                    rows.add(row);
                }
            });
            return rows.get(0);
        });
    }

    public List<AgentBalance> list(String agentId) {
        List<AgentBalance> out = new ArrayList<>();
        forEach(agentId, out::add);
        return out;
    }

    /** Snapshots of one agent, or of all agents when {@code agentId} is null, streamed row by row. */
    public void forEach(String agentId, Consumer<AgentBalance> consumer) {
        store.read(connection -> {
            balances.forEach(connection, agentId, consumer);
            return null;
        });
    }

    /**
     * Forgets one snapshot (a token the agent no longer tracks); returns whether there was one. The token is looked
     * for as typed (a snapshot stored before tokens were checked keeps its spelling), then as {@link #record} stores
     * it, so the spelling that recorded a balance also removes it.
     */
    public boolean remove(String agentId, Chain chain, String token) {
        String recorded = recordedForm(chain, token).orElse(token);
        return store.write(connection -> balances.delete(connection, agentId, chain, token, clock.instant())
                || !recorded.equals(token) && balances.delete(connection, agentId, chain, recorded, clock.instant()));
    }

    private static Optional<String> recordedForm(Chain chain, String token) {
        try {
            return Optional.of(BalanceTokens.normalise(chain, token));
        } catch (IllegalArgumentException notRecordable) {
            return Optional.empty();
        }
    }
}
