package dev.walletbackup.lifecycle;

import dev.walletbackup.UnknownAgentException;
import dev.walletbackup.store.WalletStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moves agent wallets through their lifecycle, one locked row at a time. */
public final class LifecycleService {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleService.class);

    private final WalletStore store;
    private final LifecycleRepository repository = new LifecycleRepository();
    private final Clock clock;

    public LifecycleService(WalletStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public WalletLifecycleRecord require(String agentId) {
        return store.read(connection -> repository.find(connection, agentId))
                .orElseThrow(() -> new UnknownAgentException(agentId));
    }

    public WalletLifecycleRecord moveTo(String agentId, LifecycleState target, String reason) {
        WalletLifecycleRecord moved = store.write(connection -> {
            WalletLifecycleRecord current = repository.findForUpdate(connection, agentId)
                    .orElseThrow(() -> new UnknownAgentException(agentId));
            WalletLifecycleRecord next = current.transitionTo(target, reason, clock.instant());
            repository.update(connection, next);
            return repository.find(connection, agentId).orElseThrow();
        });
        LOG.info("Agent {} moved to {}", agentId, target.wireName());
        return moved;
    }
}
