package dev.walletbackup.restore;

import dev.walletbackup.discovery.WalletDiscovery;
import dev.walletbackup.routes.ExchangeProperties;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings back the wallets created after the restored backup that the chains know of. The restore is committed
 * whatever happens here: a chain that cannot be asked is reported, and the reservation still holds.
 */
public final class DiscoveryAfterRestore {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryAfterRestore.class);

    private final WalletDiscovery discovery;
    private final int gapLimit;

    public DiscoveryAfterRestore(WalletDiscovery discovery, int gapLimit) {
        this.discovery = discovery;
        this.gapLimit = gapLimit;
    }

    public void discover(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session) {
        session.discovered(outcome(session));
    }

    private WalletDiscovery.Outcome outcome(RestoreSession session) {
        if (session.dryRun()) {
            return new WalletDiscovery.Outcome(false, "dry run: nothing was restored", gapLimit, -1, List.of());
        }
        try {
            return discovery.discover();
        } catch (RuntimeException e) {
            LOG.error("Discovery after the restore failed: {}; run 'wallet-backup wallets discover' once the cause is "
                    + "fixed", e.getMessage());
            return new WalletDiscovery.Outcome(false, "failed: " + e.getMessage(), gapLimit, -1, List.of());
        }
    }
}
