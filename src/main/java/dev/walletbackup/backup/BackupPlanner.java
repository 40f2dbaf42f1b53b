package dev.walletbackup.backup;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.format.BackupType;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decides what a backup request makes. A full starts a new chain. An incremental's parent is the newest backup in
 * the catalog and it takes every change above the parent's high-water mark; with no full backup yet, an
 * incremental request makes a full and says so.
 */
public final class BackupPlanner {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final BackupCatalog catalog;
    private final Clock clock;

    public BackupPlanner(BackupCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public BackupPlan plan(String requestedType) {
        BackupType requested = BackupType.fromWireName(requestedType);
        String id = newId();
        Optional<CatalogEntry> parent = requested == BackupType.INCREMENTAL ? catalog.newest() : Optional.empty();
        if (parent.isEmpty()) {
            String note = requested == BackupType.INCREMENTAL
                    ? "no full backup exists yet, so this incremental request made a full backup" : null;
            return new BackupPlan(id, BackupType.FULL, requested, null, id, 0, clock.instant(), note);
        }
        CatalogEntry last = parent.get();
        return new BackupPlan(id, BackupType.INCREMENTAL, requested, last.id(), last.baseId(), last.highWaterMark(),
                clock.instant(), null);
    }

    private static String newId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
