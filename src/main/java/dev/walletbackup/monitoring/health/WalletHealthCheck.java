package dev.walletbackup.monitoring.health;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A check of the wallet group. Readiness only: each says whether the service is doing its job (backups are being
 * made and can be stored), and none is fixed by restarting the process, so a liveness probe must not see them.
 */
abstract class WalletHealthCheck extends AbstractHealthCheck {
    WalletHealthCheck(String id) {
        super(WalletHealthChecks.GROUP, id);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }
}
