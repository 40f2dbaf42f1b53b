package dev.walletbackup.backup.format;

import dev.walletbackup.balance.AgentBalance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts each agent's balances in (chain, token) code-point order before passing them on. Rows arrive grouped by
 * agent, in derivation-index order; only one agent's few balances are held at a time.
 */
public final class BalanceGrouping {
    public static final Comparator<AgentBalance> WITHIN_AGENT =
            Comparator.comparing((AgentBalance balance) -> balance.chain().wireName()).thenComparing(AgentBalance::token);

    private final Consumer<AgentBalance> next;
    private final List<AgentBalance> current = new ArrayList<>();

    public BalanceGrouping(Consumer<AgentBalance> next) {
        this.next = next;
    }

    public void add(AgentBalance balance) {
        if (!current.isEmpty() && !current.get(0).agentId().equals(balance.agentId())) {
            flush();
        }
        current.add(balance);
    }

    /** Passes on the last agent's balances; call once all rows have arrived. */
    public void flush() {
        current.sort(WITHIN_AGENT);
        current.forEach(next);
        current.clear();
    }
}
