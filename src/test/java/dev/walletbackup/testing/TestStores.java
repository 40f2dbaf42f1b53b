package dev.walletbackup.testing;

import dev.walletbackup.config.WalletConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The two real databases every store test runs on: embedded H2 in a temporary data directory, and PostgreSQL —
 * an embedded server started once per test JVM, or the server named by WALLET_TEST_PG_URL (with
 * WALLET_TEST_PG_USER and WALLET_TEST_PG_PASSWORD). Each test gets an empty {@code wallet} schema.
 */
public final class TestStores {
    public static final Path SHIPPED_CONFIG =
            Path.of(System.getProperty("wallet.home", "."), "config", "application.properties");

    private static EmbeddedPostgres embedded;

    private TestStores() {
    }

    /** The database a test runs on. */
    public enum Kind { H2, POSTGRESQL }

    /** The environment variables that point the application at a fresh store of this kind. */
    public static Map<String, String> environment(Kind kind, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("WALLET_DATA_DIR", dataDir.toString());
        if (kind == Kind.POSTGRESQL) {
            PostgresServer server = postgres();
            server.resetSchema();
            env.put("WALLET_DB_URL", server.url());
            env.put("WALLET_DB_USER", server.user());
            env.put("WALLET_DB_PASSWORD", server.password());
        }
        return env;
    }

    /** Settings that make tests fast: cheap Argon2id (never for real secrets) and 4 KiB chunks, so that even small
     * backups span many chunks. */
    public static final Map<String, String> FAST = Map.of(
            WalletConfig.KDF_MEMORY, "8192", WalletConfig.KDF_ITERATIONS, "1", WalletConfig.KDF_PARALLELISM, "1",
            WalletConfig.CHUNK_SIZE, "4096", WalletConfig.KDF_INSECURE_FOR_TESTS, "true");

    public static WalletConfig config(Kind kind, Path dataDir) {
        return config(environment(kind, dataDir));
    }

    /** The settings of a store that {@link #environment} made already, which this leaves as it is. */
    public static WalletConfig config(Map<String, String> environment) {
        return WalletConfig.load(SHIPPED_CONFIG, environment, FAST);
    }

    /**
     * A copy of the shipped configuration with the {@link #FAST} settings, a free management port and {@code extra}
     * appended. The port: the shipped 9876 would let a {@code run} of one test JVM refuse to start because a
     * {@code run} of the other holds it (surefire runs two in parallel).
     */
    public static Path fastConfigFile(Path directory, Map<String, String> extra) throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(SHIPPED_CONFIG)).append(System.lineSeparator());
        Map<String, String> settings = new HashMap<>(FAST);
        settings.put(WalletConfig.MANAGEMENT_PORT, Integer.toString(RunningService.freePort()));
        settings.putAll(extra);
        settings.forEach((key, value) -> text.append(key).append(" = ").append(value).append(System.lineSeparator()));
        Path file = directory.resolve("fast-test.properties");
        Files.writeString(file, text);
        return file;
    }

    private static synchronized PostgresServer postgres() {
        String external = System.getenv("WALLET_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            return new PostgresServer(external, System.getenv().getOrDefault("WALLET_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("WALLET_TEST_PG_PASSWORD", ""));
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    private record PostgresServer(String url, String user, String password) {
        void resetSchema() {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS wallet CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reset the test schema on " + url, e);
            }
        }
    }
}
