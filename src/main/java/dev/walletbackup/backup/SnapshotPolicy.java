package dev.walletbackup.backup;

import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.store.WalletStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the steps it wraps inside one read-only database snapshot, so that the camel-sql queries of a backup (or of a
 * reconciliation) all see the same state and can fetch through a cursor, which needs a transaction: PostgreSQL
 * REPEATABLE READ, H2 SNAPSHOT (H2's REPEATABLE READ snapshots table by table). The snapshot is opened while the
 * write fence is held, and the high-water mark read in it, so no change sequence at or below the mark can still be
 * uncommitted. The mark is set as the exchange property {@code ExchangeProperties.BACKUP_HIGH_WATER_MARK}.
 * <p>
 * On H2 the snapshot's session also executes its queries lazily, for the same reason PostgreSQL fetches through a
 * cursor: without it H2 computes a whole result (into a temporary file when large) before it returns the first row,
 * so a full backup would copy every table once before reading it. The session's setting is put back before its
 * connection returns to the pool, where other code may run a statement while a result is still open.
 */
public final class SnapshotPolicy implements Policy {
    private static final int H2_SNAPSHOT_ISOLATION = 6;
    private static final String HIGH_WATER_MARK_QUERY = "SELECT COALESCE(MAX(m), 0) FROM ("
            + "SELECT MAX(change_seq) AS m FROM wallet.master_seed UNION ALL "
            + "SELECT MAX(change_seq) FROM wallet.agent_wallets UNION ALL "
            + "SELECT MAX(change_seq) FROM wallet.wallet_lifecycle UNION ALL "
            + "SELECT MAX(change_seq) FROM wallet.balance_snapshots UNION ALL "
            + "SELECT MAX(change_seq) FROM wallet.tombstones) AS all_tables";

    /** Heap kept in reserve for failing cleanly when the heap runs out inside the snapshot. */
    private static final int HEADROOM_BYTES = 4 << 20;

    private final DataSource dataSource;
    private final boolean h2;
    private final TransactionTemplate transactions;
    private volatile byte[] headroom;

    public SnapshotPolicy(DataSource dataSource, boolean h2) {
        this.dataSource = dataSource;
        this.h2 = h2;
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource) {
            @Override
            protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
                    throws SQLException {
                super.prepareTransactionalConnection(connection, definition);
                connection.setTransactionIsolation(h2 ? H2_SNAPSHOT_ISOLATION : Connection.TRANSACTION_REPEATABLE_READ);
            }
        };
        this.transactions = new TransactionTemplate(manager);
        this.transactions.setReadOnly(true);
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare: the transaction is opened per exchange
    }

    /**
     * Whatever fails inside, an {@link Error} included, becomes the exchange's failure, and the snapshot is rolled
     * back. An Error (an OutOfMemoryError half-way through a read) must not be thrown on: Camel's routing engine
     * catches Exceptions only, so it would leave the exchange in flight, skip the backup's clean-up and make shutdown
     * wait for it. Handling the failure takes heap too, while what filled it (the rows the exchange holds) is still
     * reachable, so a failed snapshot gives up a reserve kept for that; the next snapshot takes it again. A rollback
     * that fails after a failure (a connection the failure broke) does not replace it: the operator needs the first.
     */
    @Override
    public Processor wrap(Route route, Processor processor) {
        return exchange -> {
            try {
                transactions.executeWithoutResult(status -> {
                    try {
                        if (headroom == null) {
                            headroom = new byte[HEADROOM_BYTES];
                        }
                        // before the snapshot's first read: a session setting must not touch the snapshot
                        lazyQueries(true);
                        try {
                            exchange.setProperty(ExchangeProperties.BACKUP_HIGH_WATER_MARK, openSnapshot());
                            processor.process(exchange);
                        } finally {
                            lazyQueries(false);
                        }
                    } catch (Exception | Error e) {
                        headroom = null;
                        exchange.setException(e);
                    }
                    if (exchange.getException() != null) {
                        headroom = null;
                        status.setRollbackOnly();
                    }
                });
            } catch (TransactionException e) {
                if (exchange.getException() == null) {
                    throw e;
                }
                exchange.getException().addSuppressed(e);
            }
        };
    }

    /** H2 only: whether the snapshot's session computes results row by row as they are read. */
    private void lazyQueries(boolean lazy) throws SQLException {
        if (h2) {
            try (Statement statement = DataSourceUtils.getConnection(dataSource).createStatement()) {
                statement.execute("SET LAZY_QUERY_EXECUTION " + lazy);
            }
        }
    }

    private long openSnapshot() throws SQLException {
        try (Connection fence = dataSource.getConnection()) {
            fence.setAutoCommit(false);
            try {
                WalletStore.takeWriteFence(fence);
                Connection snapshot = DataSourceUtils.getConnection(dataSource);
                try (PreparedStatement query = snapshot.prepareStatement(HIGH_WATER_MARK_QUERY);
                     ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } finally {
                fence.rollback();
            }
        }
    }
}
