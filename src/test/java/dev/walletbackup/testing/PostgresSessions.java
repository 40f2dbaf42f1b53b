package dev.walletbackup.testing;

import dev.walletbackup.backup.PostgresAdvisoryLock;
import dev.walletbackup.config.WalletConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What a PostgreSQL store's server shows of its sessions: who holds the backup lock, who is connected. */
public record PostgresSessions(String url, String user, String password) {
    public static PostgresSessions of(WalletConfig config) {
        return new PostgresSessions(config.dbUrl(), config.dbUser(), config.dbPassword());
    }

    /** The application_name of each session holding the backup lock's advisory lock (pg_locks). */
    public List<String> backupLockHolders() throws SQLException {
        return names("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.classid::bigint = " + (PostgresAdvisoryLock.KEY >>> 32)
                + " AND l.objid::bigint = " + (PostgresAdvisoryLock.KEY & 0xffffffffL) + " AND l.objsubid = 1");
    }

    /** The application_name of every session. */
    public List<String> applicationNames() throws SQLException {
        return names("SELECT application_name FROM pg_stat_activity");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private List<String> names(String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
