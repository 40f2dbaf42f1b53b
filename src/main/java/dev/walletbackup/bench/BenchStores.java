package dev.walletbackup.bench;

import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.store.StoreFailures;
import dev.walletbackup.store.WalletStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the benchmark builds its data set and where it restores it, and the removal of both afterwards.
 * <ul>
 *   <li>H2 (whenever the configuration names no PostgreSQL): two embedded stores, {@code source} and
 *       {@code restored} in the work directory.</li>
 *   <li>PostgreSQL: the configured database is the source, and must hold no wallet store (the benchmark builds its
 *       own and never touches one that is there); the restore goes into a second database on the same server,
 *       {@code <database>_bench_restore}, which the benchmark creates empty and drops.</li>
 * </ul>
 * Backups always go to {@code source/backups} in the work directory, never to a configured backup directory.
 */
public final class BenchStores {
    /** The database the benchmark runs on. */
    public enum Kind { H2, POSTGRESQL }

    static final String RESTORE_SUFFIX = "_bench_restore";
    /** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1). */
    private static final int MAX_IDENTIFIER = 63;

    private final Path workDir;
    private final boolean ownsWorkDir;
    private final PostgresUrl source;
    private final PostgresUrl restored;
    private final String user;
    private final String password;

    private BenchStores(Path workDir, boolean ownsWorkDir, PostgresUrl source, String user, String password) {
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.source = source;
        this.restored = source == null ? null : source.withDatabase(restoreDatabase(source.database()));
        this.user = user;
        this.password = password;
    }

    /**
     * Checks that nothing is in the way and makes the empty restore target.
     *
     * @param workDir where the stores and backups go; null for a new temporary directory
     */
    public static BenchStores prepare(WalletConfig config, Path workDir) {
        try {
            boolean owns = workDir == null;
            Path directory = owns ? Files.createTempDirectory("wallet-backup-bench-") : workDir.toAbsolutePath();
            for (String part : List.of("source", "restored")) {
                if (Files.exists(directory.resolve(part))) {
                    throw new IllegalStateException(directory.resolve(part) + " exists (left by an earlier bench "
                            + "--keep?): remove it, or give another --data-dir");
                }
            }
            PostgresUrl source = config.dbUrl().startsWith("jdbc:postgresql:") ? PostgresUrl.parse(config.dbUrl()) : null;
            BenchStores stores = new BenchStores(directory, owns, source, config.dbUser(), config.dbPassword());
            if (source != null) {
                stores.preparePostgres();
            }
            return stores;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the bench's work directory: " + e.getMessage(), e);
        }
    }

    public Kind kind() {
        return source == null ? Kind.H2 : Kind.POSTGRESQL;
    }

    public Path workDir() {
        return workDir;
    }

    public Path sourceDataDir() {
        return workDir.resolve("source");
    }

    public Path restoredDataDir() {
        return workDir.resolve("restored");
    }

    /** Where the source store's backups go: the default backup directory of its data directory. */
    public Path sourceBackups() {
        return sourceDataDir().resolve("backups");
    }

    /** WALLET_DB_URL for the source store: empty for the embedded default in its data directory. */
    public String sourceDbUrl() {
        return source == null ? "" : source.url();
    }

    /** WALLET_DB_URL for the restore target. */
    public String restoredDbUrl() {
        return restored == null ? "" : restored.url();
    }

    /** The source store as output shows it: its database without URL parameters, or its data directory. */
    public String describeSource() {
        return source == null ? sourceDataDir().toString() : source.withoutParameters();
    }

    /** The restore target as output shows it. */
    public String describeRestored() {
        return restored == null ? restoredDataDir().toString() : restored.withoutParameters();
    }

    /** Removes the restore target: its database (PostgreSQL) and its data directory. */
    public void removeRestored() {
        List<RuntimeException> failures = new ArrayList<>();
        if (restored != null) {
            attempt(failures, () -> execute(source, "DROP DATABASE IF EXISTS " + quoted(restored.database()) + " WITH (FORCE)"));
        }
        attempt(failures, () -> deleteTree(restoredDataDir()));
        throwFirst(failures);
    }

    /** Removes the data set: the wallet schema the benchmark made (PostgreSQL), its data directory and backups. */
    public void removeSource() {
        List<RuntimeException> failures = new ArrayList<>();
        if (source != null) {
            attempt(failures, () -> execute(source, "DROP SCHEMA IF EXISTS " + WalletStore.SCHEMA + " CASCADE"));
        }
        attempt(failures, () -> deleteTree(sourceDataDir()));
        if (ownsWorkDir) {
            attempt(failures, () -> deleteTree(workDir));
        }
        throwFirst(failures);
    }

    private void preparePostgres() {
        if (exists(source, "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", WalletStore.SCHEMA)) {
            throw new IllegalStateException(source.withoutParameters() + " already holds a wallet store (schema "
                    + WalletStore.SCHEMA + "); the bench builds its own data set and never touches one: point "
                    + "WALLET_DB_URL at an empty database");
        }
        if (exists(source, "SELECT 1 FROM pg_database WHERE datname = ?", restored.database())) {
            throw new IllegalStateException("database " + restored.database() + " exists (left by an interrupted "
                    + "bench?); the bench restores into a database of that name that it creates: drop it first");
        }
        execute(source, "CREATE DATABASE " + quoted(restored.database()));
    }

    private boolean exists(PostgresUrl database, String query, String value) {
        try (Connection connection = connect(database); PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw StoreFailures.translate(database.withoutParameters(), e);
        }
    }

    /** Runs DDL that cannot run inside a transaction (CREATE and DROP DATABASE): the connection auto-commits. */
    private void execute(PostgresUrl database, String ddl) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        } catch (SQLException e) {
            throw StoreFailures.translate(database.withoutParameters(), e);
        }
    }

    private Connection connect(PostgresUrl database) throws SQLException {
        return DriverManager.getConnection(database.url(), user, password);
    }

    static String restoreDatabase(String sourceDatabase) {
        String name = sourceDatabase + RESTORE_SUFFIX;
        return name.length() <= MAX_IDENTIFIER ? name
                : sourceDatabase.substring(0, MAX_IDENTIFIER - RESTORE_SUFFIX.length()) + RESTORE_SUFFIX;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void deleteTree(Path directory) {
        try {
            AtomicFiles.deleteTree(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static void throwFirst(List<RuntimeException> failures) {
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
