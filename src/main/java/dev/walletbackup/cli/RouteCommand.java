package dev.walletbackup.cli;

import dev.walletbackup.config.WalletConfig;
import java.util.Map;

/**
 * A command that sends one request through the application's routes and stops: the schedules stay off, so that a
 * command never starts a scheduled or catch-up backup of its own.
 */
abstract class RouteCommand extends StoreCommand {
    @Override
    WalletConfig loadConfig() {
        return super.loadConfig().with(Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
    }
}
