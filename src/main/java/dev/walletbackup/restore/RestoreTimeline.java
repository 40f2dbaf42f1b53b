package dev.walletbackup.restore;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.format.Timeline;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.timeline.TimelineRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The new history a restore begins: in its transaction, the derivation indices it holds back and the timeline it
 * starts (neither is wallet state; the reservation is never emptied); once committed, a catalog that no longer
 * describes the store is forgotten, so that the next backup is a full of the new timeline.
 */
public final class RestoreTimeline {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreTimeline.class);

    private final WalletStore store;
    private final int gapLimit;
    private final Clock clock;
    private final TimelineRepository timelines = new TimelineRepository();

    /** @param gapLimit how many indices above the highest restored one to reserve ({@link ReservedIndices}) */
    public RestoreTimeline(WalletStore store, int gapLimit, Clock clock) {
        this.store = store;
        this.gapLimit = gapLimit;
        this.clock = clock;
    }

    /** Raises the index reservation and starts the timeline, in the restore's transaction, after the proof. */
    public void start(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session)
            throws SQLException {
        ChainInTransaction transaction = session.transaction();
        Connection connection = transaction.connection();
        ReservedIndices reserved = ReservedIndices.reserve(connection, gapLimit,
                session.validated().reservation().highest());
        Timeline started = timelines.startAfterRestore(connection, transaction.lastProven().header().timeline(),
                session.chain().target().id(), clock.instant());
        session.applied(new AppliedChain(StoreRestorer.counts(connection), transaction.addresses().proven(),
                transaction.provenStateDigest(), reserved, started));
    }

    /** After the commit: the catalog described the replaced store. A dry run changed nothing. */
    public void committed(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session) {
        if (session.dryRun()) {
            return;
        }
        new BackupCatalog(store).clear();
        AppliedChain applied = session.applied();
        LOG.info("Restored backup {} ({} wallets, {} addresses re-derived from seed {}) and started timeline {}; the "
                + "next backup is a full", session.chain().target().id(), applied.counts().get("wallets"),
                applied.walletsRederived(), session.validated().seedFingerprint(), applied.timeline().id());
    }
}
