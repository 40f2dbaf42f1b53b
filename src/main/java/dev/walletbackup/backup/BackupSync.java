package dev.walletbackup.backup;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.destination.DestinationOutcome;
import dev.walletbackup.routes.ExchangeProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Off-site copies that have not arrived yet. The catalog keeps every destination's outcome; a pending one is
 * retried by the sync route with back-off (30 s, doubling, at most an hour; also after a restart, since the catalog
 * is in the store) or at once with {@code backup sync}. A copy counts as arrived only after its read-back check.
 */
public final class BackupSync {
    private static final Logger LOG = LoggerFactory.getLogger(BackupSync.class);

    private final BackupCatalog catalog;
    private final Clock clock;

    public BackupSync(BackupCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** One copy to push again. */
    public record Item(String backupId, String fileName, String destination, int nextAttempt) {
    }

    /** Pending copies: all of them, or only those whose back-off has passed. */
    public List<Item> due(@Body Boolean all) {
        List<Item> due = new ArrayList<>();
        for (CatalogEntry entry : catalog.list()) {
            for (DestinationOutcome outcome : entry.destinations()) {
                if (outcome.isPending() && (Boolean.TRUE.equals(all) || outcome.isDue(clock.instant()))) {
                    due.add(new Item(entry.id(), entry.fileName(), outcome.name(), outcome.attempts() + 1));
                }
            }
        }
        return due;
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
                                     @ExchangeProperty(ExchangeProperties.BACKUP_ATTEMPT) int attempt) {
        return DestinationOutcome.failed(destination, null, failure.getMessage(), attempt, clock.instant(), true);
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
