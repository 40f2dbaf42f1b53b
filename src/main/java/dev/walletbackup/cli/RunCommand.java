package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code run}: the service itself, until stopped (Ctrl-C or SIGTERM shut it down gracefully). Scheduled backups
 * read the password from WALLET_BACKUP_PASSWORD or --password-file each time they run.
 */
@Command(name = "run", description = "Run the service: the Camel routes, their schedules, JMX and the management HTTP server (health, "
        + "metrics, Jolokia), until stopped.")
final class RunCommand extends StoreCommand {
    @Override
    boolean createsStore() {
        return true;
    }

    @Mixin
    PasswordOptions password;

    @Override
    void run(WalletServices services) throws Exception {
        password.read(cli().environment()).close();
        WalletBackupApplication.service(services, () -> password.read(cli().environment()), cli().clock()).run();
    }
}
