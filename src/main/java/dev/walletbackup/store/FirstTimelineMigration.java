package dev.walletbackup.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 5: the store's first timeline (table made by V4__timelines.sql), with a random id. In Java because
 * H2 and PostgreSQL share no function that makes random hex, and the id must not be guessable from the time.
 */
final class FirstTimelineMigration implements JavaMigration {
    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("5");
    }

    @Override
    public String getDescription() {
        return "first timeline";
    }

    @Override
    public Integer getChecksum() {
        return 5;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (PreparedStatement insert = context.getConnection().prepareStatement(
                "INSERT INTO wallet.timeline (id, timeline_id, started_at) VALUES (1, ?, ?)")) {
            insert.setString(1, RandomIds.next());
            Timestamps.set(insert, 2, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            insert.executeUpdate();
        }
    }
}
