package dev.walletbackup.restore;

import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.routes.ShutdownInterruption;
import dev.walletbackup.store.StoreFailures;
import dev.walletbackup.store.WalletStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;

/**
 * Runs the restore steps it wraps — empty the state, apply each backup (a {@code split}), prove the digest, start the
 * timeline — in ONE database transaction, committed only if every step succeeded and rolled back on any failure, an
 * {@link Error} included. Camel Main has no transaction manager for the {@code transacted} EIP, and a split's
 * exchanges share no JDBC connection of their own; so this policy opens the store's write transaction (the write
 * fence first, as every change of wallet state) and lends its connection to the steps through the
 * {@link RestoreSession}. The split processes its members one after the other on this thread (not in parallel), so
 * the connection is never used by two threads. A dry run is applied the same way to a scratch store in a temporary
 * directory, which is then thrown away.
 */
public final class RestoreTransaction implements Policy {
    private final WalletStore store;
    private final WalletConfig config;
    private final StoreRestorer restorer;

    public RestoreTransaction(WalletStore store, WalletConfig config, StoreRestorer restorer) {
        this.store = store;
        this.config = config;
        this.restorer = restorer;
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare: the transaction is opened per exchange
    }

    @Override
    public Processor wrap(Route route, Processor steps) {
        return exchange -> {
            RestoreSession session = exchange.getProperty(ExchangeProperties.RESTORE_SESSION, RestoreSession.class);
            stopIfShuttingDown(exchange);
            if (!session.dryRun()) {
                applyIn(store, session, steps, exchange);
                return;
            }
            Path scratch = Files.createTempDirectory("wallet-backup-dry-run-");
            WalletConfig scratchConfig = config.with(Map.of(WalletConfig.DATA_DIR, scratch.toString(),
                    WalletConfig.DB_URL, "", WalletConfig.DB_USER, "", WalletConfig.DB_PASSWORD, ""));
            try (WalletStore scratchStore = WalletStore.open(scratchConfig)) {
                applyIn(scratchStore, session, steps, exchange);
            } finally {
                AtomicFiles.deleteTree(scratch);
            }
        };
    }

    private void applyIn(WalletStore target, RestoreSession session, Processor steps, Exchange exchange) {
        StoreRestorer.advanceChangeSequence(target, session.chain().target().highWaterMark());
        try {
            target.write(connection -> {
                try (ChainInTransaction transaction = restorer.begin(connection, session.chain())) {
                    session.transaction(transaction);
                    steps.process(exchange);
                    if (exchange.getException() == null) {
                        stopIfShuttingDown(exchange);
                    }
                } catch (Exception | Error e) {
                    exchange.setException(e);
                } finally {
                    session.transaction(null);
                }
                if (exchange.getException() != null) {
                    exchange.setException(ShutdownInterruption.begun(exchange.getContext())
                            ? interrupted(exchange.getException()) : asTheOperatorNeedsIt(exchange.getException()));
                    throw new RolledBack();
                }
                return null;
            });
        } catch (RolledBack e) {
            // the exchange carries the failure; the transaction was rolled back
        } catch (RuntimeException e) {
            if (exchange.getException() == null) {
                throw e;
            }
            // a rollback that failed after a failure (a connection the failure broke): the operator needs the first
            exchange.getException().addSuppressed(e);
        }
    }

    /**
     * A restore is not left to finish when the application is asked to stop (SIGTERM, Ctrl-C): it may take longer
     * than the shutdown timeout, and what follows its commit (discovery, the first backup, reconciliation) longer
     * still. It is stopped as soon as it notices, before it commits at the latest, and rolled back.
     */
    static void stopIfShuttingDown(Exchange exchange) {
        if (ShutdownInterruption.begun(exchange.getContext())) {
            throw interrupted(null);
        }
    }

    /**
     * The failure of a restore during a shutdown, whatever stopped it first: this policy, or the embedded store that
     * H2's own shutdown hook closed under it (with AUTO_SERVER it cannot be told not to).
     */
    private static ShutdownInterruption interrupted(Throwable failure) {
        return failure instanceof ShutdownInterruption interruption ? interruption
                : new ShutdownInterruption("restore interrupted by shutdown: rolled back, the store is as it was "
                        + "before the restore; run it again", failure);
    }

    /**
     * The failure itself: the split wraps the failure of the member it stopped at, whose own message already names
     * the file (and whose type the exit code depends on); a database failure is described as the store describes it.
     */
    private static Throwable asTheOperatorNeedsIt(Exception failure) {
        Exception cause = failure instanceof CamelExchangeException split && split.getCause() instanceof Exception inner
                ? inner : failure;
        return cause instanceof SQLException database ? StoreFailures.translate("wallet store", database) : cause;
    }

    /** Thrown inside the transaction so that the store rolls it back; the exchange carries the real failure. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("restore rolled back", null, false, false);
        }
    }
}
