package dev.walletbackup.backup;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.destination.DestinationOutcome;
import dev.walletbackup.backup.destination.DestinationOutcomes;
import dev.walletbackup.routes.ExchangeProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Off-site copies that have not arrived yet. The catalog keeps every destination's outcome; a pending one is
 * retried by the sync route with back-off (30 s, doubling, at most an hour; also after a restart, since the catalog
 * is in the store) or at once with {@code backup sync}. A copy counts as arrived only after its read-back check.
 * The routes read and retry the pending copies under the backup lock, so that of several instances sharing the
 * store one pushes a copy, once. The service's periodic retry leaves alone a copy whose file is not in its own
 * backup directory (made by another instance whose directory is not shared): an instance that has the file pushes
 * it; {@code backup sync}, asked by an operator, tries every pending copy and says what failed.
 */
public final class BackupSync {
    private static final Logger LOG = LoggerFactory.getLogger(BackupSync.class);

    private final BackupCatalog catalog;
    private final Path backupDirectory;
    private final Clock clock;
    /** The backups whose foreign copy this process has said it leaves alone: each is said once. */
    private final Set<String> reportedElsewhere = ConcurrentHashMap.newKeySet();

    public BackupSync(BackupCatalog catalog, Path backupDirectory, Clock clock) {
        this.catalog = catalog;
        this.backupDirectory = backupDirectory;
        this.clock = clock;
    }

    /** One copy to push again. */
    public record Item(String backupId, String fileName, String destination, int nextAttempt) {
    }

    /**
     * Pending copies: all of them, or only those whose back-off has passed and whose file is in this instance's
     * backup directory.
     */
    public List<Item> due(@Body Boolean all) {
        List<Item> due = new ArrayList<>();
        for (CatalogEntry entry : catalog.list()) {
            for (DestinationOutcome outcome : entry.destinations()) {
                boolean wanted = Boolean.TRUE.equals(all) || outcome.isDue(clock.instant()) && isHere(entry);
                if (outcome.isPending() && wanted) {
                    due.add(new Item(entry.id(), entry.fileName(), outcome.name(), outcome.attempts() + 1));
                }
            }
        }
        return due;
    }

    private boolean isHere(CatalogEntry entry) {
        if (Files.exists(backupDirectory.resolve(entry.fileName()))) {
            return true;
        }
        if (reportedElsewhere.add(entry.id())) {
            LOG.info("Backup {} is pending off-site but its file {} is not in this instance's backup directory {}: "
                    + "left to the instance that made it (share the backup directory between instances to let any "
                    + "of them push it; 'backup sync' there pushes it now)", entry.id(), entry.fileName(),
                    backupDirectory);
        }
        return false;
    }

    /** The copy to push again becomes the exchange's backup, file name, destination and attempt. */
    public void retrying(@Body Item item, Exchange exchange) {
        exchange.setProperty(ExchangeProperties.BACKUP_SYNC_ID, item.backupId());
        exchange.setProperty(ExchangeProperties.BACKUP_FILE_NAME, item.fileName());
        exchange.setProperty(ExchangeProperties.BACKUP_ATTEMPT, item.nextAttempt());
        exchange.setProperty(ExchangeProperties.BACKUP_DESTINATION, item.destination());
    }

    /** The outcome of a retry that threw: still pending, with the failure's message and one more attempt counted. */
    public DestinationOutcome failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                                     @ExchangeProperty(ExchangeProperties.BACKUP_DESTINATION) String destination,
                                     @ExchangeProperty(ExchangeProperties.BACKUP_FILE_NAME) String fileName,
                                     @ExchangeProperty(ExchangeProperties.BACKUP_ATTEMPT) int attempt) {
        return DestinationOutcome.failed(destination, null, DestinationOutcomes.describe(failure, fileName), attempt,
                clock.instant(), true);
    }

    public DestinationOutcome record(@Body DestinationOutcome outcome,
                                     @ExchangeProperty(ExchangeProperties.BACKUP_SYNC_ID) String backupId) {
        catalog.updateDestination(backupId, outcome);
        if (outcome.isPending()) {
            LOG.warn("Backup {} is still not at {} after {} attempts: {}", backupId, outcome.name(), outcome.attempts(),
                    outcome.message());
        } else {
            LOG.info("Backup {} is now at {} ({})", backupId, outcome.name(), outcome.location());
        }
        return outcome;
    }
}
