package dev.walletbackup.drill;

import dev.walletbackup.store.Row;
import dev.walletbackup.store.Timestamps;
import dev.walletbackup.store.WalletStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;

/**
 * The catalog's record of restore drills ({@code wallet.restore_drills}): one row per source per drill, proven or
 * not. Bookkeeping, not wallet state: it is written without the write fence and no backup carries it.
 */
public final class DrillRecords {
    private final WalletStore store;

    public DrillRecords(WalletStore store) {
        this.store = store;
    }

    /** One drilled source as the catalog keeps it. */
    public record DrillRecord(Instant startedAt, String source, String kind, DrillResult outcome, String target,
                              int backups, long wallets, String stateDigest, long durationMs, String message) {
    }

    public void add(@Body DrillOutcome outcome) {
        store.bookkeeping(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wallet.restore_drills "
                    + "(started_at, source, source_kind, outcome, target_id, backups, wallets, state_digest, "
                    + "duration_ms, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Timestamps.set(insert, 1, outcome.startedAt());
                insert.setString(2, outcome.source());
                insert.setString(3, outcome.kind());
                insert.setString(4, outcome.outcome().wireName());
                insert.setString(5, outcome.target());
                insert.setInt(6, outcome.backups());
                insert.setLong(7, outcome.wallets());
                insert.setString(8, outcome.stateDigest());
                insert.setLong(9, outcome.durationMs());
                if (outcome.message() == null) {
                    insert.setNull(10, Types.VARCHAR);
                } else {
                    insert.setString(10, outcome.message());
                }
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Every drill recorded, oldest first. */
    public List<DrillRecord> list() {
        return store.read(connection -> {
            List<DrillRecord> records = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT started_at, source, source_kind, "
                    + "outcome, target_id, backups, wallets, state_digest, duration_ms, message "
                    + "FROM wallet.restore_drills ORDER BY started_at, drill_id");
                 ResultSet rows = query.executeQuery()) {
                Row row = Row.of(rows);
                while (rows.next()) {
                    records.add(new DrillRecord(row.instant("started_at"), row.string("source"),
                            row.string("source_kind"), DrillResult.fromWireName(row.string("outcome")),
                            row.string("target_id"), row.intValue("backups"), row.longValue("wallets"),
                            row.string("state_digest"), row.longValue("duration_ms"), row.string("message")));
                }
            }
            return records;
        });
    }

    /** When the last proven drill of each kind of source ("local", "s3") started. */
    public Map<String, Instant> lastProven() {
        return store.read(connection -> {
            Map<String, Instant> last = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT source_kind, MAX(started_at) AS started_at "
                    + "FROM wallet.restore_drills WHERE outcome = 'proven' GROUP BY source_kind ORDER BY source_kind");
                 ResultSet rows = query.executeQuery()) {
                Row row = Row.of(rows);
                while (rows.next()) {
                    last.put(row.string("source_kind"), row.instant("started_at"));
                }
            }
            return last;
        });
    }
}
