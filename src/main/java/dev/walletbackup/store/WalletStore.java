package dev.walletbackup.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.files.PrivateModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.engine.SysProperties;
import org.postgresql.PGStatement;

/**
 * The wallet state store: a pooled connection to H2 (embedded default) or PostgreSQL, migrated by Flyway to the
 * current schema on open. All wallet tables live in the lower-case schema {@code wallet} on both databases.
 */
public final class WalletStore implements AutoCloseable {
    public static final String SCHEMA = "wallet";
    /** The SQL expression that draws the next value of the database-wide change sequence. */
    public static final String NEXT_CHANGE_SEQ = "nextval('wallet.change_seq')";
    /**
     * Rows per round trip of a large read. PostgreSQL's driver reads a result through a cursor, this many rows at a
     * time, only inside a transaction and with a fetch size on the statement; without one it holds the whole result.
     */
    public static final int FETCH_SIZE = 1000;

    /**
     * Asks PostgreSQL for a large read's values in binary (integers, instants and numbers as stored): its driver does
     * so for a statement prepared on the server, which by default only a statement run five times is. In text, the
     * server formats every instant and number and the driver parses it back, millions of times in a full backup or a
     * restore's proof. Elsewhere, nothing changes.
     */
    public static void readInBinary(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // negative: binary from the first run
        }
    }

    /** Change sequence values H2 hands out between two writes of the sequence's state (V6 says why). */
    private static final String H2_CHANGE_SEQ_CACHE = "4096";

    /** The loopback address H2's auto-server listens on: other processes of this machine, nobody else. */
    static final String AUTO_SERVER_ADDRESS = "127.0.0.1";

    static {
        // H2 reads this once, when its classes load; this class opens every store, so it is set before that.
        System.setProperty("h2.bindAddress", AUTO_SERVER_ADDRESS);
    }

    private final HikariDataSource dataSource;
    private final Created created;

    private WalletStore(HikariDataSource dataSource, Created created) {
        this.dataSource = dataSource;
        this.created = created;
    }

    /** Opens (and migrates) the store that {@code config} names, creating it if there is none. */
    public static WalletStore open(WalletConfig config) {
        return open(config, true);
    }

    /**
     * Opens (and migrates) the store that {@code config} names.
     *
     * @param create whether to create the store when there is none; if false, a missing store is a
     *               {@link NoWalletStoreException} and nothing is created
     */
    public static WalletStore open(WalletConfig config, boolean create) {
        Optional<EmbeddedFiles> files = config.embeddedStoreFile().map(EmbeddedFiles::new);
        if (!create && files.isPresent() && !files.get().exist()) {
            throw new NoWalletStoreException("no wallet store at " + files.get().directory() + " (there is no "
                    + files.get().data().getFileName() + "): check --data-dir or WALLET_DATA_DIR, or create one with "
                    + "'wallet-backup seed init' or 'seed import'");
        }
        if (files.isPresent() && !AUTO_SERVER_ADDRESS.equals(SysProperties.BIND_ADDRESS)) {
            throw new StoreException("H2 was loaded before the wallet store set its auto-server to listen on "
                    + AUTO_SERVER_ADDRESS + " only; refusing to serve the store on other addresses");
        }
        Created created = files.isPresent() ? files.get().prepare(config.dataDir()) : Created.NOTHING;
        HikariDataSource dataSource = null;
        try {
            if (files.isEmpty()) {
                tightenIfPresent(config.dataDir());
            }
            dataSource = pool(config);
            if (files.isEmpty()) {
                boolean exists = schemaExists(dataSource);
                if (!exists && !create) {
                    throw new NoWalletStoreException("no wallet store in " + withoutParameters(config.dbUrl())
                            + " (there is no schema \"" + SCHEMA + "\"): check WALLET_DB_URL, or create one with "
                            + "'wallet-backup seed init' or 'seed import'");
                }
                created = new Created(!exists, List.of(), List.of(), null);
            }
            migrate(dataSource, config.isEmbeddedDatabase());
            if (files.isPresent()) {
                files.get().tightenWhatH2Created();
            }
            return new WalletStore(dataSource, created);
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            throw e;
        }
    }

    private static HikariDataSource pool(WalletConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("wallet-store");
        pool.setJdbcUrl(config.dbUrl());
        pool.setUsername(config.dbUser());
        pool.setPassword(config.dbPassword());
        pool.setMaximumPoolSize(config.dbPoolSize());
        pool.setAutoCommit(true);
        return new HikariDataSource(pool);
    }

    private static boolean schemaExists(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            query.setString(1, SCHEMA);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new StoreException("wallet store: " + e.getMessage(), e);
        }
    }

    /** A JDBC URL without its query parameters, which may carry credentials. */
    public static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static void tightenIfPresent(Path directory) {
        try {
            PrivateModes.tighten(directory, true);
        } catch (IOException e) {
            throw new StoreException("cannot make " + directory + " private to its owner: " + e.getMessage(), e);
        }
    }

    /**
     * Migrates the schema; {@code h2} tells the database apart where the scripts differ (see V6). A migration that
     * changes a column's type (V12) leaves the statements the pool's connections prepared before it (the Java
     * migrations read the same tables) unusable on PostgreSQL ("cached plan must not change result type"), so after
     * any migration those connections are replaced.
     */
    private static void migrate(HikariDataSource dataSource, boolean h2) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .placeholders(Map.of("change_seq_cache", h2 ? H2_CHANGE_SEQ_CACHE : "1"))
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/migration")
                .javaMigrations(new FirstTimelineMigration(), new StateDigestMigration())
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            dataSource.getHikariPoolMXBean().softEvictConnections();
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Reads in one transaction. */
    public <T> T read(TransactionWork<T> work) {
        return inTransaction(work, false);
    }

    /** Changes bookkeeping that is not wallet state (the backup catalog) in one transaction, without the fence. */
    public <T> T bookkeeping(TransactionWork<T> work) {
        return inTransaction(work, false);
    }

    /**
     * Changes wallet state in one transaction: committed if {@code work} returns, rolled back if it throws. The
     * transaction first takes the write fence, which a backup also takes while it opens its snapshot.
     */
    public <T> T write(TransactionWork<T> work) {
        return inTransaction(work, true);
    }

    private <T> T inTransaction(TransactionWork<T> work, boolean fenced) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (fenced) {
                    takeWriteFence(connection);
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreFailures.translate("wallet store", e);
        }
    }

    /** Locks the write fence row until the connection's transaction ends. */
    public static void takeWriteFence(Connection connection) throws SQLException {
        try (PreparedStatement fence = connection.prepareStatement(
                "SELECT id FROM wallet.write_fence WHERE id = 1 FOR UPDATE");
             ResultSet rows = fence.executeQuery()) {
            if (!rows.next()) {
                throw new StoreException("the write fence row is missing from wallet.write_fence");
            }
        }
    }

    /** Whether the store holds no wallet state: no master seed and no wallet. */
    public boolean isEmpty() {
        return read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT (SELECT COUNT(*) FROM wallet.master_seed)"
                    + " + (SELECT COUNT(*) FROM wallet.agent_wallets)");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 0;
            }
        });
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Closes the store, and removes it if this open created it and it is still empty: a command that failed leaves
     * the data directory as it found it. On PostgreSQL the (empty) schema stays; dropping schemas is not this
     * program's business.
     */
    public void closeDiscardingIfCreatedEmpty() {
        boolean discard;
        try {
            discard = created.store() && isEmpty();
        } finally {
            close();
        }
        if (discard) {
            created.remove();
        }
    }

    /** What one open created: the store itself, and on H2 its files and the directories made for them. */
    private record Created(boolean store, List<Path> files, List<Path> directories, Path lock) {
        static final Created NOTHING = new Created(false, List.of(), List.of(), null);

        void remove() {
            if (lock != null && Files.exists(lock)) {
                return; // another process has opened the store meanwhile and keeps it open
            }
            try {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
                for (int i = directories.size() - 1; i >= 0; i--) {
                    Path directory = directories.get(i);
                    try (Stream<Path> entries = Files.list(directory)) {
                        if (entries.findAny().isEmpty()) {
                            Files.delete(directory);
                        }
                    }
                }
            } catch (IOException e) {
                throw new StoreException("cannot remove the empty store this command created: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The files H2 keeps for an embedded store. H2 creates them itself with the process's umask, so they are made
     * private here: the directory before H2 touches it, the trace file beforehand (H2 only appends to it, whenever
     * it has an error to note), the data and lock files as soon as H2 has created them.
     */
    private record EmbeddedFiles(Path base) {
        Path directory() {
            return base.getParent();
        }

        Path data() {
            return sibling(".mv.db");
        }

        Path lock() {
            return sibling(".lock.db");
        }

        Path trace() {
            return sibling(".trace.db");
        }

        boolean exist() {
            return Files.exists(data());
        }

        private Path sibling(String suffix) {
            return base.resolveSibling(base.getFileName() + suffix);
        }

        /** Before H2 opens the store: private directories, existing files tightened, the trace file made. */
        Created prepare(Path dataDir) {
            try {
                boolean existed = exist();
                List<Path> directories = new ArrayList<>(PrivateModes.directory(dataDir));
                directories.addAll(PrivateModes.directory(directory()));
                PrivateModes.tighten(data(), true);
                PrivateModes.tighten(trace(), true);
                List<Path> files = new ArrayList<>();
                if (PrivateModes.createFile(trace())) {
                    files.add(trace());
                }
                if (!existed) {
                    files.add(data());
                }
                return new Created(!existed, files, directories, lock());
            } catch (IOException e) {
                throw new StoreException("cannot prepare the data directory " + directory() + ": " + e.getMessage(), e);
            }
        }

        /** The data file of a new store and the lock file of the auto-server (it holds the server's key). */
        void tightenWhatH2Created() {
            try {
                PrivateModes.tighten(data(), false);
                PrivateModes.tighten(lock(), false);
            } catch (IOException e) {
                throw new StoreException("cannot make the store's files in " + directory() + " private: "
                        + e.getMessage(), e);
            }
        }
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
