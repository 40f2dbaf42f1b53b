package dev.walletbackup.app;

import dev.walletbackup.config.WalletConfig;
import java.util.Properties;
import org.apache.camel.main.Main;

/**
 * The long-running service: Camel Main with the routes in {@code routes/*.camel.yaml}, the resolved configuration
 * as property placeholders, and the domain services bound in the registry for the routes' beans.
 */
public final class WalletBackupApplication {
    public static final String HOME_PROPERTY = "wallet.home";

    private WalletBackupApplication() {
    }

    public static Main create(WalletServices services) {
        Main main = new Main(WalletBackupApplication.class);
        main.setOverrideProperties(camelProperties(services.config()));
        main.bind("walletDataSource", services.store().dataSource());
        main.bind("walletServices", services);
        return main;
    }

    static Properties camelProperties(WalletConfig config) {
        Properties properties = config.toCamelProperties();
        properties.setProperty(HOME_PROPERTY, System.getProperty(HOME_PROPERTY, "."));
        return properties;
    }
}
