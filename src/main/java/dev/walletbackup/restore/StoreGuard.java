package dev.walletbackup.restore;

import dev.walletbackup.OperatorNote;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.store.WalletStore;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Guards the store a restore replaces: a non-empty store is refused unless the restore is forced (or a dry run), and
 * a forced restore first takes a safety full backup of it.
 */
public final class StoreGuard {
    private final WalletStore store;

    public StoreGuard(WalletStore store) {
        this.store = store;
    }

    /** Records the store's rows before anything happens; refuses a non-empty store unless forced or a dry run. */
    public void guard(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session) {
        RestoreRequest request = session.request();
        Map<String, Long> before = store.read(StoreRestorer::counts);
        if (!request.dryRun() && !request.force() && !store.isEmpty()) {
            throw new IllegalStateException("the store is not empty (" + before.get("wallets") + " wallets): restore "
                    + "will not overwrite it. Check with --dry-run, then use --force: a safety full backup of the "
                    + "current state is taken first");
        }
        session.storeBefore(before);
    }

    public boolean needsSafetyBackup(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session) {
        return session.request().force() && !session.dryRun() && !store.isEmpty();
    }

    public void safetyBackupTaken(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session,
                                  @Body BackupReport safety) {
        session.safetyBackup(safety);
    }

    /**
     * Names the safety backup that a forced restore took before it failed, in the failure's own line
     * ({@link OperatorNote}): the report that would have named it is never made.
     */
    public void failedAfterSafetyBackup(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session,
                                        @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught, Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException() : caught;
        if (session != null && session.safetyBackup() != null && failure != null) {
            // true whether the failure came before the commit (the store is as it was) or after it
            OperatorNote.addTo(failure, "the safety backup " + session.safetyBackup().id() + " taken first holds the "
                    + "store's state from before this restore");
        }
    }
}
