package dev.walletbackup.monitoring;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.destination.DestinationOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Off-site copies that have not arrived yet, from the catalog, and those pending longer than
 * {@code wallet.health.max-pending-age}: a copy is pending since its backup was made (its first upload failed then). The watch route reports each one once per run of the service, so that an
 * outage of a day is one event per copy, not one per check.
 */
public final class PendingCopyWatch {
    private final BackupCatalog catalog;
    private final Duration maxPendingAge;
    private final Clock clock;
    private final Set<String> reported = new HashSet<>();

    public PendingCopyWatch(BackupCatalog catalog, Duration maxPendingAge, Clock clock) {
        this.catalog = catalog;
        this.maxPendingAge = maxPendingAge;
        this.clock = clock;
    }

    /** One off-site copy that has not arrived: its backup, destination, since when, attempts, last failure. */
    public record PendingCopy(String backupId, String destination, Instant pendingSince, int attempts, String reason) {
        /** In words, for JMX and messages. */
        public String describe() {
            return backupId + " to " + destination + ": pending since " + pendingSince + ", " + attempts
                    + " attempts, last: " + reason;
        }
    }

    /** Every off-site copy pending now, from the catalog. */
    public List<PendingCopy> pending() {
        List<PendingCopy> pending = new ArrayList<>();
        for (CatalogEntry entry : catalog.list()) {
            for (DestinationOutcome outcome : entry.destinations()) {
                if (outcome.isPending()) {
                    pending.add(new PendingCopy(entry.id(), outcome.name(), entry.createdAt(), outcome.attempts(),
                            outcome.message()));
                }
            }
        }
        return pending;
    }

    /** The copies pending longer than allowed, now. */
    public List<PendingCopy> overdue() {
        Instant limit = clock.instant().minus(maxPendingAge);
        return pending().stream().filter(copy -> copy.pendingSince().isBefore(limit)).toList();
    }

    /** The overdue copies not reported yet; each is reported once. */
    public synchronized List<PendingCopy> newlyOverdue() {
        List<PendingCopy> overdue = overdue();
        Set<String> current = new HashSet<>();
        List<PendingCopy> fresh = new ArrayList<>();
        for (PendingCopy copy : overdue) {
            String key = copy.backupId() + "/" + copy.destination();
            current.add(key);
            if (reported.add(key)) {
                fresh.add(copy);
            }
        }
        // copies that arrived are forgotten: the set never outgrows the list of overdue copies
        reported.retainAll(current);
        return fresh;
    }
}
