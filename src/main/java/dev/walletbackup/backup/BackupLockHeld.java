package dev.walletbackup.backup;

import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;

/**
 * The steps it wraps run holding the {@link BackupLock}, which is given back when they end, however they end: a
 * restore holds it from before it reads its source until its report, so that no prune removes what it reads and no
 * other backup runs meanwhile; the backups it starts run on its thread and take the lock again. A backup directory
 * that does not exist holds nothing to protect, and a restore must not create it before it has proven anything (a
 * dry run or a refused restore leaves the machine as it found it): then the steps run without the lock, and the
 * backups they start take it themselves.
 */
public final class BackupLockHeld implements Policy {
    private final BackupLock lock;

    public BackupLockHeld(BackupLock lock) {
        this.lock = lock;
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare: the lock is taken per exchange
    }

    @Override
    public Processor wrap(Route route, Processor steps) {
        return exchange -> {
            if (!lock.directoryExists()) {
                steps.process(exchange);
                return;
            }
            lock.acquire();
            try {
                steps.process(exchange);
            } finally {
                lock.release();
            }
        };
    }
}
