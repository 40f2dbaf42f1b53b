package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.wallet.AgentWallet;
import org.apache.camel.Exchange;

/**
 * Stops a backup's load as soon as the application is asked to stop, before its next record: the load of a large full
 * runs for minutes in one step of the route, and the restore's transaction is rolled back when it fails
 * ({@link RestoreTransaction#stopIfShuttingDown}). A status read per record: nothing beside writing the row.
 */
final class StopOnShutdown implements BackupContentHandler {
    private final Exchange exchange;

    StopOnShutdown(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void wallet(AgentWallet wallet) {
        RestoreTransaction.stopIfShuttingDown(exchange);
    }

    @Override
    public void lifecycle(WalletLifecycleRecord record) {
        RestoreTransaction.stopIfShuttingDown(exchange);
    }

    @Override
    public void balance(AgentBalance balance) {
        RestoreTransaction.stopIfShuttingDown(exchange);
    }

    @Override
    public void tombstone(Tombstone tombstone) {
        RestoreTransaction.stopIfShuttingDown(exchange);
    }
}
