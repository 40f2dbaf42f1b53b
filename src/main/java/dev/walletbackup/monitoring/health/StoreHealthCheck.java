package dev.walletbackup.monitoring.health;

import dev.walletbackup.store.WalletStore;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/** The wallet store answers a query within two seconds. */
public final class StoreHealthCheck extends WalletHealthCheck {
    private final WalletStore store;

    public StoreHealthCheck(WalletStore store) {
        super("store");
        this.store = store;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            boolean valid = store.read(connection -> connection.isValid(2));
            if (valid) {
                builder.up();
            } else {
                builder.down().message("the wallet store did not answer within 2 seconds");
            }
        } catch (RuntimeException e) {
            builder.down().message("the wallet store cannot be reached: " + e.getMessage());
        }
    }
}
