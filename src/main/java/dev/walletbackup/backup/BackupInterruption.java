package dev.walletbackup.backup;

import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.routes.ShutdownInterruption;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * A backup that failed because the application is shutting down, whatever failed first: the shutdown timeout
 * passed ({@link BackupAssembler}), or the embedded store was closed under it by H2's own shutdown hook. The
 * pipeline's clean-up removes what it staged as for any failure; this says why, once, as the operator needs it.
 */
public final class BackupInterruption {
    /** Whether the run failed during a shutdown. */
    public boolean duringShutdown(Exchange exchange) {
        return ShutdownInterruption.begun(exchange.getContext());
    }

    public void explain(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                        @ExchangeProperty(ExchangeProperties.BACKUP_REQUESTED) String requested) {
        if (failure instanceof ShutdownInterruption interruption) {
            throw interruption;
        }
        throw new ShutdownInterruption("backup " + requested + " interrupted by shutdown: nothing half-written is "
                + "published, its staged file is removed; run it again", failure);
    }
}
