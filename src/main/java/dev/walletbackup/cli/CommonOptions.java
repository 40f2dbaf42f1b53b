package dev.walletbackup.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (embedded store, default backup location). Overrides WALLET_DATA_DIR.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (default: config/application.properties of the installation).")
    Path config;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    Path configFile() {
        return config != null ? config
                : Path.of(System.getProperty("wallet.home", "."), "config", "application.properties");
    }
}
