package dev.walletbackup.testing;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.restore.RestoreObserver;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application's routes ({@code routes/*.camel.yaml}, through the shipped configuration's
 * {@code camel.main.routes-include-pattern}) and its real beans ({@link WalletBackupApplication#bindBeans}) on a
 * fresh store, started for each test by Camel's test kit, so that a test can mock endpoints, set
 * {@code MockEndpoint} expectations and advise routes. Without schedules: only what the test sends runs.
 * A subclass names the store's kind, the endpoints to mock (mocked, not skipped: the real endpoint still receives
 * each message after the mock), and the server the application talks to (an S3 server, a chain node), which is
 * started before the context and stopped after it.
 *
 * @param <S> the server
 */
public abstract class ApplicationRoutesTestSupport<S extends AutoCloseable> extends CamelMainTestSupport {
    @TempDir
    protected Path temp;

    private S server;
    private WalletServices services;

    protected abstract Kind kind();

    /** The endpoint pattern to mock; called from the kit's constructor, so it may not read any field. */
    protected abstract String mockedEndpoints();

    protected abstract S startServer() throws Exception;

    /** The environment variables that point the application at the server (S3_*, EVM_RPC_URL, …). */
    protected abstract Map<String, String> environment(S started);

    protected final S server() {
        return server;
    }

    protected final WalletServices services() {
        return services;
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withMockEndpoints(mockedEndpoints());
    }

    /** The kit runs this before it creates the context. */
    @Override
    protected void setupResources() throws Exception {
        server = startServer();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        Map<String, String> environment = new HashMap<>(TestStores.environment(kind(), temp.resolve("data")));
        environment.putAll(environment(server));
        WalletConfig config = TestStores.config(environment).with(Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
        services = WalletServices.open(config, Clock.systemUTC());
        // The kit takes its override properties from useOverridePropertiesWithPropertiesComponent() in the test's
        // constructor, before @TempDir and the store exist; set here, they reach both Camel Main and the properties
        // component.
        camelContextConfiguration().withUseOverridePropertiesWithPropertiesComponent(
                WalletBackupApplication.camelProperties(config));
        return super.createCamelContext();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        WalletBackupApplication.bindBeans(services, RunningApplication::password, Clock.systemUTC(),
                RestoreObserver.NONE, registry::bind);
    }

    /**
     * The kit calls this in its @AfterEach, before its own extension stops the context: the context is stopped here
     * first, so that no route still holds the store when it closes.
     */
    @Override
    protected void cleanupResources() throws Exception {
        context.stop();
        services.close();
        server.close();
    }
}
