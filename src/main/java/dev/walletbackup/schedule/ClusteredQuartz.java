package dev.walletbackup.schedule;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.walletbackup.config.WalletConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The service's schedules on PostgreSQL: Quartz's clustered JDBC job store in the store's own database (tables
 * {@code wallet.qrtz_*}, migration V10), so that every instance sharing the store fires each slot of a schedule on
 * exactly one of them, and a slot an instance acquired before it died is recovered by another. Each instance checks
 * in every {@code wallet.cluster.checkin-interval-ms} (7.5 s, Quartz's default); one silent for longer than that plus
 * 7.5 s is taken for dead.
 *
 * <p>Every instance must use the same scheduler name ({@link #SCHEDULER_NAME}), the same Camel context name
 * ({@code camel.main.name}: a firing job finds its route through it) and the same schedules: a trigger is stored
 * once for the cluster, and an instance that starts with another cron replaces it for all.
 *
 * <p>Quartz's connections come from a small pool of their own (HikariCP), registered under {@link #DATA_SOURCE}
 * rather than described in the Quartz properties: camel-quartz logs those properties at DEBUG, and the database
 * password would be among them; and not from the store's pool, which a long backup may hold while the scheduler
 * must still check in.
 */
public final class ClusteredQuartz {
    /** The scheduler name, {@code sched_name} in every Quartz table. */
    public static final String SCHEDULER_NAME = "wallet-backup";
    static final String DATA_SOURCE = "walletQuartz";
    /** One thread per schedule (full, incremental, balances sync, drill). */
    private static final int THREADS = 4;

    private ClusteredQuartz() {
    }

    /**
     * Whether {@code config}'s schedules run clustered: on PostgreSQL, in the service. A one-shot command (schedules
     * off) must not join the cluster: its scheduler would take slots and drop them, having no route started to run
     * them. The embedded H2 store keeps Quartz's in-memory scheduler.
     */
    public static boolean applies(WalletConfig config) {
        return !config.isEmbeddedDatabase() && config.scheduleEnabled();
    }

    /** The Quartz component of a clustered instance; its connection pool closes when the scheduler shuts down. */
    public static QuartzComponent component(WalletConfig config) {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new PooledConnections(config));
        QuartzComponent quartz = new QuartzComponent();
        quartz.setPrefixInstanceName(false);
        quartz.setProperties(Map.of(
                "org.quartz.scheduler.instanceName", SCHEDULER_NAME,
                "org.quartz.scheduler.instanceId", "AUTO",
                "org.quartz.threadPool.threadCount", Integer.toString(THREADS),
                "org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX",
                "org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
                "org.quartz.jobStore.dataSource", DATA_SOURCE,
                "org.quartz.jobStore.tablePrefix", "wallet.qrtz_",
                "org.quartz.jobStore.isClustered", "true",
                "org.quartz.jobStore.clusterCheckinInterval", Integer.toString(config.clusterCheckinMillis()),
                // two instances never both acquire one trigger, whatever Quartz's optimistic update would allow
                "org.quartz.jobStore.acquireTriggersWithinLock", "true"));
        return quartz;
    }

    /** Quartz's connections: a pool of its own on the store's database. */
    private static final class PooledConnections implements ConnectionProvider {
        private final HikariDataSource pool;

        PooledConnections(WalletConfig config) {
            HikariConfig settings = new HikariConfig();
            settings.setPoolName("wallet-quartz");
            settings.setJdbcUrl(config.dbUrl());
            settings.setUsername(config.dbUser());
            settings.setPassword(config.dbPassword());
            // the scheduler thread, the cluster check-in, the misfire handler and a firing at a time
            settings.setMaximumPoolSize(THREADS);
            settings.setMinimumIdle(1);
            this.pool = new HikariDataSource(settings);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void shutdown() {
            pool.close();
        }

        @Override
        public void initialize() {
            // the pool opened in the constructor
        }
    }
}
