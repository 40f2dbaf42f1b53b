package dev.walletbackup.schedule;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.config.CronSchedule;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides at start-up whether a scheduled backup was missed while the service was down: a slot of the schedule
 * passed after the newest backup of that kind. A missed backup runs once, however many slots passed. With no
 * backup at all, a full backup is due at once.
 */
public final class MissedBackupCheck {
    private final BackupCatalog catalog;
    private final CronSchedule full;
    private final CronSchedule incremental;
    private final Clock clock;

    public MissedBackupCheck(BackupCatalog catalog, CronSchedule full, CronSchedule incremental, Clock clock) {
        this.catalog = catalog;
        this.full = full;
        this.incremental = incremental;
        this.clock = clock;
    }

    public boolean fullMissed() {
        return missed(catalog.newestOfType(BackupType.FULL), full);
    }

    public boolean incrementalMissed() {
        return missed(catalog.newest(), incremental);
    }

    private boolean missed(Optional<CatalogEntry> newest, CronSchedule schedule) {
        Instant now = clock.instant();
        return newest.map(entry -> !schedule.nextAfter(entry.createdAt()).isAfter(now)).orElse(true);
    }
}
