package dev.walletbackup.backup.retention;

import dev.walletbackup.backup.format.BackupManifest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A destination retention removes from: the local backup directory, the S3 bucket. */
interface RetentionTarget {

    /**
     * What a destination holds.
     *
     * @param manifests the backups whose manifest reads
     * @param files     backup id → its files here, in the order they are removed: the manifest first, then the
     *                  {@code .wbk}, so that what an interrupted removal leaves is an orphan, never a manifest
     *                  without its file
     * @param leftovers files of interrupted writes older than the cut-off
     * @param locked    backup id or leftover file → when the destination's Object Lock lets it be deleted, for
     *                  what cannot be deleted yet
     */
    record Contents(List<BackupManifest> manifests, Map<String, List<String>> files, List<String> leftovers,
                    Map<String, Instant> locked) {
    }

    /** The destination's name, as in {@code wallet.backup.destinations}. */
    String name();

    Contents scan(Instant leftoversBefore) throws IOException;

    /** Deletes one file {@link #scan} named; a file that is gone already is no failure. */
    void delete(String file) throws IOException;
}
