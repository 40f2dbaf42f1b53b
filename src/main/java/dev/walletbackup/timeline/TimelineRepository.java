package dev.walletbackup.timeline;

import dev.walletbackup.backup.format.Timeline;
import dev.walletbackup.store.RandomIds;
import dev.walletbackup.store.Row;
import dev.walletbackup.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The store's current timeline ({@code wallet.timeline}, docs/backup-format.md section 11). A backup records it;
 * a restore replaces it, in the restore's own transaction, with a new one branched from the restored backup.
 */
public final class TimelineRepository {
    public Timeline current(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT timeline_id, started_at, parent_timeline_id, branched_from FROM wallet.timeline WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("the store has no timeline row (schema version 5 missing)");
            }
            return fromRow(Row.of(rows));
        }
    }

    /** A timeline read with its columns named as in {@code wallet.timeline}. */
    public static Timeline fromRow(Row row) {
        return new Timeline(row.string("timeline_id"),
                row.instant("started_at").truncatedTo(ChronoUnit.MILLIS).toString(),
                row.string("parent_timeline_id"), row.string("branched_from"));
    }

    /** Discovery asked the chains about the indices this store does not hold (after its restore). */
    public void markDiscovered(Connection connection, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE wallet.timeline SET discovered_at = ? WHERE id = 1")) {
            Timestamps.set(update, 1, at);
            update.executeUpdate();
        }
    }

    /**
     * The backup this store was restored from when discovery has not asked the chains since — wallets created after
     * that backup beyond the reserved gap could still be handed out again — or null.
     */
    public String restoredWithoutDiscovery(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT branched_from FROM wallet.timeline WHERE id = 1 AND discovered_at IS NULL");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /**
     * Starts the timeline that a restore of backup {@code restoredBackupId} begins: a fresh id, branched from
     * {@code restoredTimeline} (null for a version-1 backup, which has none).
     */
    public Timeline startAfterRestore(Connection connection, Timeline restoredTimeline, String restoredBackupId,
                                      Instant now) throws SQLException {
        Timeline started = new Timeline(RandomIds.next(), now.truncatedTo(ChronoUnit.MILLIS).toString(),
                restoredTimeline == null ? null : restoredTimeline.id(), restoredBackupId);
        try (PreparedStatement update = connection.prepareStatement("UPDATE wallet.timeline SET timeline_id = ?, "
                + "started_at = ?, parent_timeline_id = ?, branched_from = ?, discovered_at = NULL WHERE id = 1")) {
            update.setString(1, started.id());
            Timestamps.set(update, 2, started.startedInstant());
            update.setString(3, started.parentId());
            update.setString(4, started.branchedFrom());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("the store has no timeline row (schema version 5 missing)");
            }
        }
        return started;
    }
}
