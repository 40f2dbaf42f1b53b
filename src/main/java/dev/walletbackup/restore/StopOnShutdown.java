package dev.walletbackup.restore;

import dev.walletbackup.progress.Progress;
import org.apache.camel.Exchange;

/**
 * The load's progress, where it reports every record: also where it stops as soon as the application is asked to
 * stop, before its next record. The load of a large full runs for minutes in one step of the route, and the restore's
 * transaction is rolled back when it fails ({@link RestoreTransaction#stopIfShuttingDown}). A status read per record:
 * nothing beside writing the row.
 */
final class StopOnShutdown implements Progress.Task {
    private final Progress.Task shown;
    private final Exchange exchange;

    StopOnShutdown(Progress.Task shown, Exchange exchange) {
        this.shown = shown;
        this.exchange = exchange;
    }

    @Override
    public void advance(long rows) {
        RestoreTransaction.stopIfShuttingDown(exchange);
        shown.advance(rows);
    }

    /** The task shown is the whole chain's, closed with it ({@link ChainInTransaction}), not after each backup. */
    @Override
    public void close() {
    }
}
