package dev.walletbackup.backup;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.catalog.LocalCopyCheck;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.backup.format.Timeline;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.store.RandomIds;
import dev.walletbackup.timeline.OtherStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.ExchangeProperty;

/**
 * Decides what a backup request makes. A full starts a new chain. An incremental's parent is the newest backup in
 * the catalog and it takes every change above the parent's high-water mark. An incremental is only worth its chain:
 * with no full backup yet, when the newest backup is of another timeline (made before a restore, or before
 * timelines existed), or when a backup of the parent's chain is not intact in the local backup directory
 * (deleted, moved, damaged, or the directory changed), the request makes a full and says why.
 */
public final class BackupPlanner {
    private final BackupCatalog catalog;
    private final LocalCopyCheck localCopies;
    private final Path backupDirectory;
    private final Supplier<Lineage> lineage;
    private final Clock clock;

    /** The store's timeline now and its installation (seed fingerprint, null before a seed exists). */
    public record Lineage(Timeline timeline, String seedFingerprint) {
    }

    /**
     * @param lineage the store's timeline now: an incremental's parent must be of it, and a backup of another
     *                timeline of the same installation made since it started means another store shares the
     *                backup directory
     */
    public BackupPlanner(BackupCatalog catalog, LocalCopyCheck localCopies, Path backupDirectory,
                         Supplier<Lineage> lineage, Clock clock) {
        this.catalog = catalog;
        this.localCopies = localCopies;
        this.backupDirectory = backupDirectory;
        this.lineage = lineage;
        this.clock = clock;
    }

    /** Route predicate: the plan is a full, which reads whole tables and holds no tombstones. */
    public boolean isFull(@ExchangeProperty(ExchangeProperties.BACKUP_PLAN) BackupPlan plan) {
        return plan.type() == BackupType.FULL;
    }

    /** Route predicate: the plan is an incremental, which reads the changed rows and the deletions. */
    public boolean isIncremental(@ExchangeProperty(ExchangeProperties.BACKUP_PLAN) BackupPlan plan) {
        return plan.type() == BackupType.INCREMENTAL;
    }

    /** The high-water mark the plan's rows lie above, for the route's queries. */
    public long sinceHighWaterMark(@ExchangeProperty(ExchangeProperties.BACKUP_PLAN) BackupPlan plan) {
        return plan.sinceHighWaterMark();
    }

    public BackupPlan plan(String requestedType) {
        Lineage store = lineage.get();
        BackupPlan plan = plan(requestedType, store.timeline());
        String otherStore = otherStore(store);
        return otherStore == null ? plan : plan.alsoNoting(otherStore);
    }

    private BackupPlan plan(String requestedType, Timeline storeTimeline) {
        String timeline = storeTimeline.id();
        BackupType requested = BackupType.fromWireName(requestedType);
        String id = RandomIds.next();
        if (requested == BackupType.FULL) {
            return full(id, requested, null);
        }
        List<CatalogEntry> entries = catalog.list();
        if (entries.isEmpty()) {
            // a restored store's catalog starts empty with its timeline: its backups so far are another timeline's
            return full(id, requested, (storeTimeline.branchedFrom() == null ? "no full backup exists yet"
                    : "timeline " + timeline + ", which the restore of backup " + storeTimeline.branchedFrom()
                    + " started, has no full backup yet") + ", so this incremental request made a full backup");
        }
        CatalogEntry last = entries.get(entries.size() - 1);
        if (!timeline.equals(last.timelineId())) {
            return full(id, requested, "the newest backup, " + last.id() + ", was made "
                    + (last.timelineId() == null ? "before timelines (format version 1)"
                    : "in timeline " + last.timelineId() + ", not in the store's timeline " + timeline)
                    + ", so this incremental request made a full backup");
        }
        Optional<String> broken = brokenLink(last, entries);
        if (broken.isPresent()) {
            return full(id, requested, "the chain of backup " + last.id() + " is not intact in the backup directory ("
                    + broken.get() + "), so this incremental request made a full backup");
        }
        return new BackupPlan(id, BackupType.INCREMENTAL, requested, last.id(), last.baseId(), last.highWaterMark(),
                clock.instant(), null);
    }

    /** Another store of this installation backing up into the directory ({@link OtherStores}), or null. */
    private String otherStore(Lineage store) {
        if (store.seedFingerprint() == null || !Files.isDirectory(backupDirectory)) {
            return null;
        }
        try (BackupDirectory directory = BackupDirectory.scan(backupDirectory)) {
            return OtherStores.warning(directory.installations().getOrDefault(store.seedFingerprint(), List.of()),
                    store.timeline(), directory.location());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup directory " + backupDirectory, e);
        }
    }

    private BackupPlan full(String id, BackupType requested, String note) {
        return new BackupPlan(id, BackupType.FULL, requested, null, id, 0, clock.instant(), note);
    }

    /** The first problem on the way from {@code newest} back to its full, or empty when every link is intact. */
    private Optional<String> brokenLink(CatalogEntry newest, List<CatalogEntry> entries) {
        Map<String, CatalogEntry> byId = entries.stream().collect(Collectors.toMap(CatalogEntry::id, entry -> entry));
        for (CatalogEntry link = newest; link != null; link = link.parentId() == null ? null : byId.get(link.parentId())) {
            LocalCopyCheck.Result local = localCopies.check(link);
            if (!local.present()) {
                return Optional.of(local.problem());
            }
            if (link.type() == BackupType.INCREMENTAL && !byId.containsKey(link.parentId())) {
                return Optional.of("backup " + link.id() + "'s parent " + link.parentId() + " is not in the catalog");
            }
        }
        return Optional.empty();
    }
}
