package dev.walletbackup.routes;

import org.apache.camel.CamelContext;

/**
 * A backup or restore stopped because the application is shutting down (SIGTERM, Ctrl-C, the service stopped over
 * JMX). Camel's shutdown strategy waits for the exchanges in flight up to {@code camel.main.shutdown-timeout}: a
 * backup uses that time to finish and stops, leaving nothing published, only when it has (nearly) passed; a restore
 * stops as soon as the shutdown has {@link #begun}, and its transaction is rolled back.
 */
public final class ShutdownInterruption extends RuntimeException {
    public ShutdownInterruption(String message) {
        super(message);
    }

    /** {@code cause}: how the work failed as the shutdown took it away (the embedded store closed under it, say). */
    public ShutdownInterruption(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the application running the exchange has begun to shut down. */
    public static boolean begun(CamelContext context) {
        return context.isStopping() || context.isStopped();
    }
}
