package dev.walletbackup.schedule;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.config.CronSchedule;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import dev.walletbackup.routes.ExchangeProperties;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Decides at start-up whether a scheduled backup was missed while the service was down: a slot of the schedule
 * passed after the newest backup of that kind. A missed backup runs once, however many slots passed. With no
 * backup at all, a full backup is due at once. The routes ask under the backup lock, so that of several instances
 * sharing a store and starting together, the first catches up and the others find it done.
 *
 * <p>It also decides whether a slot that fired still needs its backup. On the clustered scheduler a slot can reach
 * the routes twice: its trigger is kept in the database, so after the whole cluster was down Quartz fires the missed
 * slot once at start-up (misfire run-once) while backup-catch-up runs it too. A slot is taken when the catalog
 * holds a backup of its kind — a full for the full schedule, any for the incremental one, as for the catch-up —
 * made at or after the slot's time. The in-memory scheduler fires a slot once and forgets it with the process: every slot runs.
 */
public final class MissedBackupCheck {
    /** The header in which camel-quartz gives the time of the slot that fired. */
    public static final String SLOT_TIME = "scheduledFireTime";

    private final BackupCatalog catalog;
    private final CronSchedule full;
    private final CronSchedule incremental;
    private final boolean sharedScheduler;
    private final Clock clock;

    public MissedBackupCheck(BackupCatalog catalog, CronSchedule full, CronSchedule incremental,
                             boolean sharedScheduler, Clock clock) {
        this.catalog = catalog;
        this.full = full;
        this.incremental = incremental;
        this.sharedScheduler = sharedScheduler;
        this.clock = clock;
    }

    public boolean fullMissed() {
        return missed(catalog.newestOfType(BackupType.FULL), full);
    }

    public boolean incrementalMissed() {
        return missed(catalog.newest(), incremental);
    }

    /** Whether the {@code requested} schedule's (full, incremental) slot that fired at {@code slot} needs its backup. */
    public boolean slotOpen(@Header(SLOT_TIME) Date slot,
                            @ExchangeProperty(ExchangeProperties.BACKUP_REQUESTED) String requested) {
        if (!sharedScheduler) {
            return true;
        }
        Optional<CatalogEntry> newest = BackupType.FULL.wireName().equals(requested)
                ? catalog.newestOfType(BackupType.FULL) : catalog.newest();
        return newest.map(entry -> entry.createdAt().isBefore(slot.toInstant())).orElse(true);
    }

    private boolean missed(Optional<CatalogEntry> newest, CronSchedule schedule) {
        Instant now = clock.instant();
        return newest.map(entry -> !schedule.nextAfter(entry.createdAt()).isAfter(now)).orElse(true);
    }
}
