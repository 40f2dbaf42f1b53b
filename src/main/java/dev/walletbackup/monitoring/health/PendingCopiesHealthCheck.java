package dev.walletbackup.monitoring.health;

import dev.walletbackup.monitoring.PendingCopyWatch;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.health.HealthCheckResultBuilder;

/** No off-site copy has been pending longer than {@code wallet.health.max-pending-age}. */
public final class PendingCopiesHealthCheck extends WalletHealthCheck {
    private final PendingCopyWatch watch;

    public PendingCopiesHealthCheck(PendingCopyWatch watch) {
        super("copies-pending");
        this.watch = watch;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<PendingCopyWatch.PendingCopy> overdue = watch.overdue();
        if (overdue.isEmpty()) {
            builder.up();
        } else {
            builder.down().detail("overdue", overdue.size()).message(overdue.size() + " off-site copies pending too long: "
                    + overdue.stream().map(PendingCopyWatch.PendingCopy::describe).collect(Collectors.joining("; ")));
        }
    }
}
