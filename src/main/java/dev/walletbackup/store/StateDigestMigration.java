package dev.walletbackup.store;

import dev.walletbackup.statedigest.LtHash;
import java.sql.PreparedStatement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 8: the first value of the store's LtHash (table made by V7__state_digest.sql), computed from the
 * rows already there; from then on every write keeps it up to date ({@link StateDigestLedger}).
 */
final class StateDigestMigration implements JavaMigration {
    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("8");
    }

    @Override
    public String getDescription() {
        return "state digest";
    }

    @Override
    public Integer getChecksum() {
        return 8;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        LtHash current = StateDigestLedger.recomputeBeforeXrpSchemes(context.getConnection());
        try (PreparedStatement insert = context.getConnection().prepareStatement(
                "INSERT INTO wallet.state_digest (id, lt_hash) VALUES (1, ?)")) {
            insert.setBytes(1, current.toBytes());
            insert.executeUpdate();
        }
    }
}
