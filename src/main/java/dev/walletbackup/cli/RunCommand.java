package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import picocli.CommandLine.Command;

/** {@code run}: the service itself, until stopped (Ctrl-C or SIGTERM shut it down gracefully). */
@Command(name = "run", description = "Run the service: the Camel routes, their schedules and JMX, until stopped.")
final class RunCommand extends StoreCommand {
    @Override
    void run(WalletServices services) throws Exception {
        WalletBackupApplication.create(services).run();
    }
}
