package dev.walletbackup.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.crypto.Password;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Camel Main application starts with every file in routes/ and the store bound in its registry. */
class WalletBackupApplicationTest {
    @TempDir
    Path dataDir;

    @Test
    void startsWithEveryRouteFileAndTheStoreBound() throws Exception {
        try (WalletServices services = WalletServices.open(TestStores.config(Kind.H2, dataDir), Clock.systemUTC())) {
            Main main = WalletBackupApplication.create(services,
                    () -> Password.adopt("App-Test-Password-1!".toCharArray()), Clock.systemUTC());
            main.start();
            try {
                CamelContext context = main.getCamelContext();
                assertThat(context.isStarted()).isTrue();
                assertThat(context.getName()).isEqualTo("wallet-backup");
                assertThat(context.getRegistry().lookupByNameAndType("walletDataSource", DataSource.class))
                        .isSameAs(services.store().dataSource());
                assertThat(context.resolvePropertyPlaceholders("{{wallet.data-dir}}")).isEqualTo(dataDir.toString());
                Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
                assertThat(model.getRouteConfigurationDefinitions())
                        .extracting(RouteConfigurationDefinition::getId).contains("wallet-errors");
            } finally {
                main.stop();
            }
        }
    }
}
