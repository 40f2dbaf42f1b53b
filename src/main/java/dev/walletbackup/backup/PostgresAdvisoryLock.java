package dev.walletbackup.backup;

import dev.walletbackup.store.StoreException;
import dev.walletbackup.store.WalletStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The cluster-wide backup lock on PostgreSQL: the session-level advisory lock {@link #KEY}, taken on a connection of
 * its own that is opened for the hold and closed when it is given back. PostgreSQL releases it when that session
 * ends, however it ends: the holder killed at once, its host gone once the TCP keepalives below give up (about a
 * minute and a half), so a dead instance never leaves every other one waiting. Not from the store's pool: a pooled
 * connection outlives the hold, and the lock with it. The session's application_name is the holder's name, which an
 * instance that waits in vain reports (pg_stat_activity).
 */
public final class PostgresAdvisoryLock implements ClusterLock {
    /**
     * The key, "walletbk" in ASCII; pg_locks shows the lock as locktype advisory, classid 2002873452 (0x77616c6c),
     * objid 1702126187 (0x6574626b), objsubid 1. Advisory locks are per database: one key per wallet store.
     */
    public static final long KEY = 0x77616c6c6574626bL;

    private final String url;
    private final Properties connectionProperties;
    /** The session holding (or trying for) the lock; guarded by the BackupLock's in-process lock. */
    private Connection session;

    public PostgresAdvisoryLock(String url, String user, String password, String holderName) {
        this.url = url;
        this.connectionProperties = new Properties();
        connectionProperties.setProperty("user", user);
        connectionProperties.setProperty("password", password);
        connectionProperties.setProperty("ApplicationName", holderName);
        connectionProperties.setProperty("tcpKeepAlive", "true");
    }

    @Override
    public boolean tryAcquire() {
        try {
            if (session == null) {
                session = open();
            }
            try (PreparedStatement take = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                take.setLong(1, KEY);
                try (ResultSet taken = take.executeQuery()) {
                    taken.next();
                    return taken.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            release();
            throw new StoreException("cannot take the cluster-wide backup lock (PostgreSQL advisory lock " + KEY
                    + ") in " + WalletStore.withoutParameters(url) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void release() {
        Connection held = session;
        session = null;
        if (held == null) {
            return;
        }
        try {
            held.close(); // the session ends, and every advisory lock it holds with it
        } catch (SQLException e) {
            throw new StoreException("cannot close the session holding the cluster-wide backup lock in "
                    + WalletStore.withoutParameters(url) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String holder() {
        String lock = "PostgreSQL advisory lock " + KEY + " in " + WalletStore.withoutParameters(url);
        try (Connection connection = open();
             PreparedStatement query = connection.prepareStatement("SELECT a.application_name, a.client_addr, a.pid"
                     + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                     + " AND l.granted"
                     + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                     + " AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1")) {
            query.setLong(1, KEY >>> 32);
            query.setLong(2, KEY & 0xffffffffL);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return "another instance (" + lock + ", free again now)";
                }
                String client = rows.getString(2);
                return rows.getString(1) + (client == null ? "" : " from " + client) + " (" + lock + ", server pid "
                        + rows.getInt(3) + ")";
            }
        } catch (SQLException e) {
            return "another instance (" + lock + "; who holds it could not be read: " + e.getMessage() + ")";
        }
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(url, connectionProperties);
        try (Statement keepalive = connection.createStatement()) {
            // the server's own keepalives on this session: it notices a vanished host and ends the session (and the
            // lock) after 30 s idle + 6 probes 10 s apart, not after the operating system's two hours
            keepalive.execute("SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10;"
                    + " SET tcp_keepalives_count = 6");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
