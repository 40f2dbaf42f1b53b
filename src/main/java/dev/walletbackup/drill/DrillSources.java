package dev.walletbackup.drill;

import dev.walletbackup.backup.destination.BackupDestinations;
import dev.walletbackup.backup.destination.LocalDirectoryDestination;
import dev.walletbackup.backup.destination.S3Destination;
import dev.walletbackup.backup.destination.S3Location;
import dev.walletbackup.config.WalletConfig;
import java.util.List;
import org.apache.camel.Body;

/**
 * The sources a drill restores from: the one asked for, or every destination the backups go to — the local backup
 * directory, and the S3 bucket and prefix when that destination is on — each as the restore's {@code --source}.
 */
public final class DrillSources {
    private final WalletConfig config;
    private final BackupDestinations destinations;

    public DrillSources(WalletConfig config, BackupDestinations destinations) {
        this.config = config;
        this.destinations = destinations;
    }

    public List<String> of(@Body DrillRequest request) {
        if (request != null && request.source() != null && !request.source().isBlank()) {
            return List.of(request.source());
        }
        return destinations.names().stream().map(this::source).toList();
    }

    private String source(String destination) {
        return switch (destination) {
            case LocalDirectoryDestination.NAME -> config.backupPath().toString();
            case S3Destination.NAME -> new S3Location(config.s3().bucket(), config.s3().prefix()).toString();
            default -> throw new IllegalStateException("a drill cannot read destination " + destination);
        };
    }

    /** "s3" or "local": the metrics' and the catalog's name for where a source is. */
    static String kindOf(String source) {
        return S3Location.isS3(source) ? S3Destination.NAME : LocalDirectoryDestination.NAME;
    }
}
