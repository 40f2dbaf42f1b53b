package dev.walletbackup.backup;

import dev.walletbackup.routes.ShutdownInterruption;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ShutdownStrategy;

/**
 * How long a backup in flight may go on once the application is asked to stop: Camel's shutdown timeout
 * ({@code camel.main.shutdown-timeout}) less a margin for its clean-up, up to {@link #MARGIN}. When Camel's timeout
 * itself passes, it forces the routes down and refuses every further step, the clean-up's too; a backup that stops
 * first removes what it staged and says why. Counted from the first batch that saw the shutdown, a few milliseconds
 * after it began.
 */
final class ShutdownGrace {
    static final Duration MARGIN = Duration.ofSeconds(5);

    private final LongSupplier nanoTime;
    private long deadline;
    private boolean noticed;

    ShutdownGrace(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether the backup must stop now. */
    boolean over(CamelContext context) {
        if (!ShutdownInterruption.begun(context)) {
            return false;
        }
        long now = nanoTime.getAsLong();
        if (!noticed) {
            noticed = true;
            ShutdownStrategy strategy = context.getShutdownStrategy();
            long timeout = strategy.getTimeUnit().toNanos(strategy.getTimeout());
            deadline = now + timeout - Math.min(timeout / 2, MARGIN.toNanos());
        }
        return now - deadline >= 0;
    }
}
