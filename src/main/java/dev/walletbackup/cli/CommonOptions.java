package dev.walletbackup.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes, before or after its name: {@code wallet-backup --data-dir D wallets list} is
 * {@code wallet-backup wallets list --data-dir D}. They are declared once, on the root command, and picocli shares
 * them with every subcommand (scope INHERIT); wherever they are given, their values land here, on the root.
 */
final class CommonOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data directory (embedded store, default backup location). Overrides WALLET_DATA_DIR.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Properties file (default: config/application.properties of the installation).")
    Path config;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print machine-readable JSON instead of text, failures included.")
    boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Also log what Camel and wallet-backup do (INFO lines on standard error).")
    boolean verbose;

    Path configFile() {
        return config != null ? config
                : Path.of(System.getProperty("wallet.home", "."), "config", "application.properties");
    }
}
