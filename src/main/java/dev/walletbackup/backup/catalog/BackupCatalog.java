package dev.walletbackup.backup.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.walletbackup.backup.destination.DestinationOutcome;
import dev.walletbackup.backup.format.BackupCounts;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.store.Row;
import dev.walletbackup.store.StoreException;
import dev.walletbackup.store.Timestamps;
import dev.walletbackup.store.WalletStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of completed backups in the store, oldest first. It holds the backups of the store's current timeline
 * (a restore empties it) and, after the upgrade to timelines, those made before.
 */
public final class BackupCatalog {
    private static final String COLUMNS = "backup_id, backup_type, parent_id, base_id, created_at, "
            + "since_high_water_mark, high_water_mark, seed_fingerprint, file_name, bytes, sha256, state_digest, "
            + "content_digest, counts, duration_ms, destinations, timeline_id";
    private static final TypeReference<List<DestinationOutcome>> OUTCOMES = new TypeReference<>() {
    };

    private final WalletStore store;

    public BackupCatalog(WalletStore store) {
        this.store = store;
    }

    public void add(CatalogEntry entry) {
        store.bookkeeping(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wallet.backup_catalog (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, entry.id());
                insert.setString(2, entry.type().wireName());
                insert.setString(3, entry.parentId());
                insert.setString(4, entry.baseId());
                Timestamps.set(insert, 5, entry.createdAt());
                insert.setLong(6, entry.sinceHighWaterMark());
                insert.setLong(7, entry.highWaterMark());
                insert.setString(8, entry.seedFingerprint());
                insert.setString(9, entry.fileName());
                insert.setLong(10, entry.bytes());
                insert.setString(11, entry.sha256());
                insert.setString(12, entry.stateDigest());
                insert.setString(13, entry.contentDigest());
                insert.setString(14, json(entry.counts()));
                insert.setLong(15, entry.durationMs());
                insert.setString(16, json(entry.destinations()));
                insert.setString(17, entry.timelineId());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Replaces one destination's outcome of a backup (after a retry). */
    /**
     * Records that a backup's file was rewritten under a new password (a rekey): its size, SHA-256 and digests are
     * those of the new file. A backup the catalog does not hold is left out.
     */
    public void fileRewritten(BackupManifest manifest) {
        store.bookkeeping(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE wallet.backup_catalog SET bytes = ?, "
                    + "sha256 = ?, state_digest = ?, content_digest = ? WHERE backup_id = ?")) {
                update.setLong(1, manifest.bytes());
                update.setString(2, manifest.sha256());
                update.setString(3, manifest.stateDigest());
                update.setString(4, manifest.contentDigest());
                update.setString(5, manifest.id());
                update.executeUpdate();
            }
            return null;
        });
    }

    public void updateDestination(String backupId, DestinationOutcome outcome) {
        store.bookkeeping(connection -> {
            List<DestinationOutcome> outcomes = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT destinations FROM wallet.backup_catalog WHERE backup_id = ? FOR UPDATE")) {
                query.setString(1, backupId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw new StoreException("backup " + backupId + " is not in the catalog");
                    }
                    outcomes.addAll(WalletJson.mapper().readValue(rows.getString(1), OUTCOMES));
                } catch (JsonProcessingException e) {
                    throw new StoreException("the backup catalog row " + backupId + " is damaged", e);
                }
            }
            outcomes.replaceAll(existing -> existing.name().equals(outcome.name()) ? outcome : existing);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE wallet.backup_catalog SET destinations = ? WHERE backup_id = ?")) {
                update.setString(1, json(outcomes));
                update.setString(2, backupId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets one backup that retention removed from every destination; nothing when it is not in the catalog. */
    public void remove(String backupId) {
        store.bookkeeping(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM wallet.backup_catalog WHERE backup_id = ?")) {
                delete.setString(1, backupId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets every entry: after a restore the next backup starts a new chain. The files stay where they are. */
    public void clear() {
        store.bookkeeping(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM wallet.backup_catalog")) {
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** The newest backup, the parent of the next incremental. */
    public Optional<CatalogEntry> newest() {
        List<CatalogEntry> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public Optional<CatalogEntry> newestOfType(BackupType type) {
        List<CatalogEntry> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).type() == type) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    public List<CatalogEntry> list() {
        return store.read(connection -> {
            List<CatalogEntry> entries = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM wallet.backup_catalog ORDER BY created_at, backup_id");
                 ResultSet rows = query.executeQuery()) {
                Row row = Row.of(rows);
                while (rows.next()) {
                    entries.add(read(row));
                }
            }
            return entries;
        });
    }

    private static CatalogEntry read(Row row) {
        try {
            return new CatalogEntry(row.string("backup_id"), BackupType.fromWireName(row.string("backup_type")),
                    row.string("parent_id"), row.string("base_id"), row.instant("created_at"),
                    row.longValue("since_high_water_mark"), row.longValue("high_water_mark"),
                    row.string("seed_fingerprint"), row.string("timeline_id"),
                    WalletJson.mapper().readValue(row.string("counts"), BackupCounts.class), row.longValue("bytes"),
                    row.string("sha256"), row.string("state_digest"), row.string("content_digest"),
                    row.string("file_name"), row.longValue("duration_ms"),
                    WalletJson.mapper().readValue(row.string("destinations"), OUTCOMES));
        } catch (JsonProcessingException e) {
            throw new StoreException("the backup catalog row " + row.string("backup_id") + " is damaged", e);
        }
    }

    private static String json(Object value) {
        try {
            return WalletJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode a catalog field", e);
        }
    }
}
