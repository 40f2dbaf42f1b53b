package dev.walletbackup.monitoring.health;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;

/** The newest backup of the store's catalog is younger than {@code wallet.health.max-backup-age}. */
public final class BackupAgeHealthCheck extends WalletHealthCheck {
    private final BackupCatalog catalog;
    private final Duration maxAge;
    private final Clock clock;

    public BackupAgeHealthCheck(BackupCatalog catalog, Duration maxAge, Clock clock) {
        super("backup-age");
        this.catalog = catalog;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("max-age", maxAge.toString());
        Optional<CatalogEntry> newest = catalog.newest();
        if (newest.isEmpty()) {
            builder.down().message("no backup yet");
            return;
        }
        Instant made = newest.get().createdAt();
        builder.detail("newest-backup", newest.get().id()).detail("newest-backup-at", made.toString());
        Duration age = Duration.between(made, clock.instant());
        if (age.compareTo(maxAge) > 0) {
            builder.down().message("the newest backup, " + newest.get().id() + ", is " + age.toMinutes()
                    + " minutes old (wallet.health.max-backup-age is " + maxAge + ")");
        } else {
            builder.up();
        }
    }
}
