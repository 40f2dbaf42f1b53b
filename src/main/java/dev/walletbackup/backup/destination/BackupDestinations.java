package dev.walletbackup.backup.destination;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destinations a backup goes to, from configuration ({@code wallet.backup.destinations = local,s3}): each name
 * is a route {@code direct:backup-destination-NAME}. The local directory always comes first, because the other
 * destinations copy its published file. Adding a store is a route and a name here, not a change to the pipeline.
 */
public final class BackupDestinations {
    private static final Logger LOG = LoggerFactory.getLogger(BackupDestinations.class);
    private final List<String> names;

    public BackupDestinations(List<String> configured, boolean s3Enabled) {
        List<String> active = new ArrayList<>(List.of(LocalDirectoryDestination.NAME));
        for (String name : configured) {
            if (name.equals(S3Destination.NAME) && !s3Enabled) {
                LOG.info("The S3 destination is off: S3_BUCKET is not set");
            } else if (!active.contains(name)) {
                active.add(name);
            }
        }
        this.names = List.copyOf(active);
    }

    public List<String> names() {
        return names;
    }

    /** The endpoints of the backup's recipient list, in order. */
    public String recipients() {
        return String.join(",", names.stream().map(name -> "direct:backup-destination-" + name).toList());
    }
}
