package dev.walletbackup.monitoring.health;

import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRepository;

/** The service's own health checks, as one repository that Camel Main registers with its health-check registry. */
public final class WalletHealthChecks implements HealthCheckRepository, CamelContextAware {
    public static final String GROUP = "wallet";

    private final List<HealthCheck> checks;
    private boolean enabled = true;
    private CamelContext camelContext;

    public WalletHealthChecks(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public String getId() {
        return "wallet-backup";
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** The registry gives the repository its context; the checks get it from here (the schedule check needs it). */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        checks.forEach(check -> CamelContextAware.trySetCamelContext(check, camelContext));
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Stream<HealthCheck> stream() {
        return enabled ? checks.stream() : Stream.empty();
    }
}
