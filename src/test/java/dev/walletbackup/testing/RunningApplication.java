package dev.walletbackup.testing;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.restore.RestoreObserver;
import dev.walletbackup.seed.Mnemonic;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import java.util.function.Consumer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/** The real application — store, services, Camel Main with every route in routes/ — started for one test. */
public final class RunningApplication implements AutoCloseable {
    public static final String PASSWORD = "Running-App-Pass-1!";
    public static final String HARDHAT = "test test test test test test test test test test test junk";

    private final WalletServices services;
    private final Main main;
    private final ProducerTemplate producer;

    private RunningApplication(WalletServices services, Main main) {
        this.services = services;
        this.main = main;
        this.producer = main.getCamelContext().createProducerTemplate();
    }

    /** Starts on a fresh store of {@code kind} in {@code dataDir}, with the test settings and {@code overrides}. */
    public static RunningApplication start(TestStores.Kind kind, Path dataDir, Map<String, String> overrides,
                                           Clock clock) throws Exception {
        return startOn(TestStores.config(kind, dataDir).with(overrides), clock);
    }

    /** Starts on the store that {@code config} names as it is, without resetting it: a restart. */
    public static RunningApplication startOn(WalletConfig config, Clock clock) throws Exception {
        return startOn(config, clock, context -> { });
    }

    /** A restart whose restores report each backup they apply to {@code observer}, inside their transaction. */
    public static RunningApplication startObservingRestores(WalletConfig config, Clock clock, RestoreObserver observer)
            throws Exception {
        WalletServices services = WalletServices.open(config, clock);
        Main main = WalletBackupApplication.create(services, RunningApplication::password, clock, observer);
        main.start();
        return new RunningApplication(services, main);
    }

    /**
     * A restart that lets the test watch the context before any route starts, so that a NotifyBuilder sees
     * exchanges that routes create at start-up.
     */
    public static RunningApplication startOn(WalletConfig config, Clock clock, Consumer<CamelContext> beforeRoutesStart)
            throws Exception {
        WalletServices services = WalletServices.open(config, clock);
        Main main = WalletBackupApplication.create(services, RunningApplication::password, clock);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                beforeRoutesStart.accept(configured.getCamelContext());
            }
        });
        main.start();
        return new RunningApplication(services, main);
    }

    public RunningApplication withHardhatSeed(int wallets) {
        importHardhatSeed(services, wallets);
        return this;
    }

    /** Imports the Hardhat mnemonic under {@link #PASSWORD} and creates {@code wallets} wallets agent-0, agent-1, … */
    public static void importHardhatSeed(WalletServices services, int wallets) {
        services.seeds().importMnemonic(Mnemonic.parse(HARDHAT), "", password());
        if (wallets > 0) {
            services.wallets().createMany(wallets, "agent-");
        }
    }

    /** The password source of every test application: {@link #PASSWORD}, a fresh copy each time. */
    public static Password password() {
        return Password.adopt(PASSWORD.toCharArray());
    }

    public WalletServices services() {
        return services;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public Path backupDirectory() {
        return services.config().backupPath();
    }

    public BackupReport backup(String type) {
        return producer.requestBody("direct:backup-" + type, null, BackupReport.class);
    }

    @Override
    public void close() throws Exception {
        producer.close();
        main.stop();
        services.close();
    }
}
