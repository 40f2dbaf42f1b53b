package dev.walletbackup.restore;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.timeline.Timelines;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first backup of the timeline a point-in-time restore started. Such a restore abandons the later backups of its
 * timeline: its new timeline must show in the backup directory at once, or a plain restore after the next disaster
 * would bring the abandoned history back. A restore of a timeline's newest backup abandons nothing (and a drill of
 * it leaves nothing behind); a dry run changes nothing.
 */
public final class FirstBackupAfterRestore {
    private static final Logger LOG = LoggerFactory.getLogger(FirstBackupAfterRestore.class);

    public boolean isNeeded(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session) {
        return !session.dryRun() && !laterInItsTimeline(session.chain()).isEmpty();
    }

    /** The backups of the target's timeline made after it: what a point-in-time restore leaves behind. */
    static List<BackupManifest> laterInItsTimeline(RestoreChain chain) {
        return Timelines.of(chain.directory().installations().get(chain.target().seedFingerprint()))
                .laterInItsTimeline(chain.target());
    }

    /** Records the first backup; null when it failed. */
    public void taken(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session,
                      @Body BackupReport first) {
        session.firstBackup(first);
    }

    /**
     * The first backup of the new timeline failed: the restore stands (it is committed), and the operator is told
     * to take one, since until then the source shows only the history the restore branched from.
     */
    public BackupReport failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        LOG.error("The first backup after the restore failed: {}; take a full backup ('wallet-backup backup full') as "
                + "soon as the cause is fixed", failure.getMessage());
        return null;
    }
}
