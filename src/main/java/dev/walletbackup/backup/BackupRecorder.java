package dev.walletbackup.backup;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.destination.DestinationOutcome;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.routes.ExchangeProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a backup run: a backup that no destination stored is a failure; otherwise it goes into the catalog with
 * each destination's outcome, its duration, size and counts (the figures the metrics read), and the run's report
 * becomes the message body.
 */
public final class BackupRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRecorder.class);
    /** The exchange property with the note of a corrected state digest ({@link StoredStateCorrection}). */

    private final BackupCatalog catalog;
    private final Clock clock;

    public BackupRecorder(BackupCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public BackupReport record(@Body List<DestinationOutcome> outcomes,
                               @ExchangeProperty(ExchangeProperties.BACKUP_SESSION) BackupSession session,
                               @ExchangeProperty(ExchangeProperties.BACKUP_LEFTOVERS) String leftovers,
                               @ExchangeProperty(ExchangeProperties.BACKUP_STATE_CORRECTION) String stateCorrection) {
        BackupManifest manifest = session.manifest();
        if (outcomes.stream().noneMatch(outcome -> DestinationOutcome.STORED.equals(outcome.status()))) {
            throw new IllegalStateException("backup " + manifest.id() + " was written and verified, but no destination "
                    + "stored it: " + outcomes.stream().map(DestinationOutcome::describe).collect(Collectors.joining("; ")));
        }
        long durationMs = Duration.between(session.plan().startedAt(), clock.instant()).toMillis();
        catalog.add(CatalogEntry.of(manifest, durationMs, outcomes));
        String note = Stream.of(session.plan().note(), leftovers, stateCorrection).filter(Objects::nonNull)
                .reduce((first, second) -> first + "; " + second).orElse(null);
        BackupReport report = new BackupReport(manifest.id(), manifest.type(), session.plan().requested(),
                manifest.parentId(), manifest.baseId(), manifest.createdAt(), manifest.highWaterMark(),
                manifest.counts(), manifest.bytes(), durationMs, manifest.stateDigest(), manifest.fileName(), outcomes,
                note);
        LOG.info("Backup {} ({}) done in {} ms: {} wallets, {} lifecycle records, {} balances, {} tombstones, {} bytes",
                manifest.id(), manifest.type().wireName(), durationMs, manifest.counts().wallets(),
                manifest.counts().lifecycleRecords(), manifest.counts().balances(), manifest.counts().tombstones(),
                manifest.bytes());
        if (session.plan().note() != null) {
            // at INFO: the command prints the note itself; the service logs INFO lines always
            LOG.info("Backup {}: {}", manifest.id(), session.plan().note());
        }
        return report;
    }
}
