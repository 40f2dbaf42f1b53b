package dev.walletbackup.monitoring.health;

import java.util.List;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The backup schedules, each with its route's status. A schedule suspended over JMX makes the check DOWN, naming
 * it: it fires nothing, so no backup of its kind is being made, which is what the wallet group of checks exists to
 * say (Camel's own route check says the same). Readiness only, like every check of the group: a liveness probe
 * that restarted the service would resume the schedule behind the operator's back.
 */
public final class ScheduleHealthCheck extends WalletHealthCheck {
    private final List<String> scheduleRoutes;

    public ScheduleHealthCheck(List<String> scheduleRoutes) {
        super("schedules");
        this.scheduleRoutes = List.copyOf(scheduleRoutes);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        StringBuilder suspended = new StringBuilder();
        for (String route : scheduleRoutes) {
            ServiceStatus status = getCamelContext().getRouteController().getRouteStatus(route);
            builder.detail(route, status == null ? "absent" : status.name());
            if (status == ServiceStatus.Suspended) {
                suspended.append(suspended.isEmpty() ? "" : ", ").append(route);
            }
        }
        if (suspended.isEmpty()) {
            builder.up();
        } else {
            builder.down().message("suspended, firing nothing until resumed over JMX: " + suspended);
        }
    }
}
