package dev.walletbackup.backup;

import dev.walletbackup.backup.format.BackupDocumentWriter;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.backup.format.Section;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.store.StoreFailures;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * A full backup's read of a PostgreSQL store: each table streamed by the server's {@code COPY … TO STDOUT} in the
 * backup's snapshot, one sequential scan, its bytes going into the backup's section as they come — they are the
 * section's row text already (docs/backup-format.md, section 5.1), so nothing is decoded, mapped or encoded on the
 * way; the document parses them on the other cores for the state's LtHash. H2 has no COPY; its full reads rows
 * through camel-sql like an incremental.
 */
public final class TableCopy {
    private static final List<Section> STATE = List.of(Section.WALLET, Section.LIFECYCLE, Section.BALANCE);
    /**
     * The driver writes each row of a COPY alone; gathered, a document, its counts, its progress and its shutdown check
     * see a few thousand rows at a time instead of 4,000,000 single rows in a full of a million wallets.
     */
    private static final int COPY_BATCH = 1 << 16;

    private final DataSource dataSource;
    private final boolean postgres;

    /** @param dataSource the store's, whose connection the snapshot transaction holds on the route's thread */
    public TableCopy(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** Route predicate: the plan is a full of a store that streams its tables with COPY (PostgreSQL; H2 does not). */
    public boolean streamsTables(@ExchangeProperty(ExchangeProperties.BACKUP_PLAN) BackupPlan plan) {
        return postgres && plan.type() == BackupType.FULL;
    }

    /** Streams the wallets, lifecycle records and balances of the snapshot into the backup's document. */
    public void copyAll(@ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session, Exchange exchange)
            throws IOException {
        Connection snapshot = DataSourceUtils.getConnection(dataSource);
        for (Section section : STATE) {
            try (OutputStream rows = new BufferedOutputStream(
                    new Watched(session.document().rowsOf(section), session, exchange), COPY_BATCH)) {
                snapshot.unwrap(PGConnection.class).getCopyAPI().copyOut(section.copyStatement(), rows);
            } catch (SQLException e) {
                throw StoreFailures.translate("cannot stream the " + section.wireName() + " rows of the snapshot", e);
            }
        }
    }

    /**
     * The LtHash of the snapshot's state, read again (a full whose row sum differed from the store's,
     * {@link FullStateProof}): on PostgreSQL every table streamed once more and parsed as a backup's rows are, which
     * also proves that a reader accepts every row, and stops as the first read does when a shutdown's grace is over;
     * on H2 every row read and hashed (H2's own shutdown hook closes the store under it).
     */
    LtHash ltHashOfSnapshot(BackupSession session, Exchange exchange) throws SQLException, IOException {
        Connection snapshot = DataSourceUtils.getConnection(dataSource);
        if (!postgres) {
            return StateDigestLedger.recompute(snapshot);
        }
        BackupDocumentWriter rows = BackupDocumentWriter.of(OutputStream.nullOutputStream(), session.header(),
                session.seed());
        boolean hashed = false;
        try {
            for (Section section : STATE) {
                try (OutputStream stoppable = new BufferedOutputStream(
                        new Stoppable(rows.rowsOf(section), session, exchange), COPY_BATCH)) {
                    snapshot.unwrap(PGConnection.class).getCopyAPI().copyOut(section.copyStatement(), stoppable);
                }
            }
            LtHash state = rows.finish(null).stateLtHash();
            hashed = true;
            return state;
        } catch (SQLException e) {
            throw StoreFailures.translate("cannot read the snapshot's rows again", e);
        } finally {
            if (!hashed) {
                rows.abandon();
            }
        }
    }

    /** Stops the rows as they stream when a shutdown's grace is over. */
    private static class Stoppable extends FilterOutputStream {
        private final BackupSession session;
        private final Exchange exchange;

        Stoppable(OutputStream rows, BackupSession session, Exchange exchange) {
            super(rows);
            this.session = session;
            this.exchange = exchange;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            BackupAssembler.continueUnlessShutDown(exchange, session);
            out.write(bytes, offset, length);
        }

        /** The section's stream ends with the section, not here. */
        @Override
        public void close() {
        }
    }

    /** Shows the rows' progress as they stream into the backup's document, and stops them as {@link Stoppable}. */
    private static final class Watched extends Stoppable {
        private final BackupSession session;
        private long shown;

        Watched(OutputStream rows, BackupSession session, Exchange exchange) {
            super(rows, session, exchange);
            this.session = session;
            this.shown = session.document().rows();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            super.write(bytes, offset, length);
            long rows = session.document().rows();
            session.progress().advance(rows - shown);
            shown = rows;
        }
    }
}
