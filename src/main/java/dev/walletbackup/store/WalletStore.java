package dev.walletbackup.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.walletbackup.config.WalletConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The wallet state store: a pooled connection to H2 (embedded default) or PostgreSQL, migrated by Flyway to the
 * current schema on open. All wallet tables live in the lower-case schema {@code wallet} on both databases.
 */
public final class WalletStore implements AutoCloseable {
    public static final String SCHEMA = "wallet";
    /** The SQL expression that draws the next value of the database-wide change sequence. */
    public static final String NEXT_CHANGE_SEQ = "nextval('wallet.change_seq')";

    private final HikariDataSource dataSource;

    private WalletStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static WalletStore open(WalletConfig config) {
        if (config.isEmbeddedDatabase()) {
            createPrivateDirectory(config.dataDir());
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("wallet-store");
        pool.setJdbcUrl(config.dbUrl());
        pool.setUsername(config.dbUser());
        pool.setPassword(config.dbPassword());
        pool.setMaximumPoolSize(config.dbPoolSize());
        pool.setAutoCommit(true);
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new WalletStore(dataSource);
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/migration")
                .load()
                .migrate();
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

    @Override
    public void close() {
        dataSource.close();
    }

    private static void createPrivateDirectory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreException("cannot create the data directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
