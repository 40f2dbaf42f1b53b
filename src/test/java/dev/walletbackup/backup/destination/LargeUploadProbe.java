package dev.walletbackup.backup.destination;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Run in its own JVM by {@link LargeUploadTest} with a capped heap: records one large published backup as pending
 * for S3 and pushes it through the real sync route. Exit code 0 only if the copy was stored and read back.
 */
public final class LargeUploadProbe {
    private LargeUploadProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        Path manifestFile = Path.of(args[2]);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("WALLET_DATA_DIR", dataDir.toString());
        WalletConfig wallet = WalletConfig.load(config, environment, Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
        try (WalletServices services = WalletServices.open(wallet, Clock.systemUTC())) {
            BackupManifest manifest = BackupManifest.read(manifestFile);
            new BackupCatalog(services.store()).add(CatalogEntry.of(manifest, 0, List.of(
                    DestinationOutcome.stored("local", manifestFile.toString(), 1, Instant.now()),
                    DestinationOutcome.failed("s3", null, "not yet", 1, Instant.now(), true))));
            List<?> outcomes = WalletBackupApplication.requestOnce(services,
                    () -> Password.adopt("Large-Upload-Pass-1!".toCharArray()), Clock.systemUTC(), "direct:backup-sync",
                    Boolean.TRUE, List.class);
            DestinationOutcome outcome = (DestinationOutcome) outcomes.get(0);
            System.out.println("OUTCOME " + outcome.status() + " " + outcome.location()
                    + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
            System.exit(DestinationOutcome.STORED.equals(outcome.status()) ? 0 : 1);
        }
    }
}
