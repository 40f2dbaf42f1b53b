package dev.walletbackup.restore;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.destination.BackupSources;
import dev.walletbackup.backup.format.DataKeys;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.routes.ExchangeProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a restore: its session, with the source open and the data keys ready. Both stay until the exchange is done,
 * successful or not: a downloaded copy is needed by every later step and deleted afterwards, and the keys, which
 * every later step opens backups with, are wiped.
 */
public final class RestoreSessions {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreSessions.class);

    private final WalletConfig config;
    private final PasswordSource passwords;
    private final Clock clock;

    public RestoreSessions(WalletConfig config, PasswordSource passwords, Clock clock) {
        this.config = config;
        this.passwords = passwords;
        this.clock = clock;
    }

    public RestoreSession open(@Body RestoreRequest request, Exchange exchange) throws IOException {
        Instant started = clock.instant();
        BackupDirectory source = BackupSources.open(request.source(), config);
        DataKeys keys = new DataKeys(passwords);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                keys.close();
                try {
                    source.close();
                } catch (IOException e) {
                    LOG.warn("Could not delete the downloaded copy of {} in {}: {}", source.location(),
                            source.directory(), e.getMessage());
                }
            }
        });
        return new RestoreSession(request, started, source, keys);
    }

    /** A dry run changes nothing: it applies to a scratch store, and neither discovers nor reconciles. */
    public boolean isDryRun(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session) {
        return session.dryRun();
    }
}
