package dev.walletbackup.rekey;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.crypto.PasswordSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One rekey as it moves through its route: where the new password comes from, the seed envelope sealed under it
 * (the same for every backup and the store, so that a chain's state digests stay those of one state), the backups
 * to rewrite, and what was done to each. Holds no password, only its source.
 */
public final class Rotation implements AutoCloseable {
    private final PasswordSource next;
    private final byte[] envelope;
    private final BackupDirectory directory;
    private final List<BackupManifest> backups;
    private final List<String> otherInstallations;
    private final BackupDirectory bucket;
    private final List<BackupManifest> offsiteBackups;
    private final List<String> offsiteRekeyed = new ArrayList<>();
    private final List<String> rekeyed = new ArrayList<>();
    private final List<String> alreadyRekeyed = new ArrayList<>();

    Rotation(PasswordSource next, byte[] envelope, BackupDirectory directory, List<BackupManifest> backups,
             BackupDirectory bucket, List<BackupManifest> offsiteBackups, List<String> otherInstallations) {
        this.next = next;
        this.envelope = envelope.clone();
        this.directory = directory;
        this.backups = List.copyOf(backups);
        this.otherInstallations = List.copyOf(otherInstallations);
        this.bucket = bucket;
        this.offsiteBackups = List.copyOf(offsiteBackups);
    }

    PasswordSource next() {
        return next;
    }

    byte[] envelope() {
        return envelope.clone();
    }

    BackupDirectory directory() {
        return directory;
    }

    /** The backups of this store's installation, oldest first: what the route splits over. */
    public List<BackupManifest> backups() {
        return backups;
    }

    /** The downloaded copy of the bucket's backups, or null when S3 is not a destination. */
    BackupDirectory bucket() {
        return bucket;
    }

    List<BackupManifest> offsiteBackups() {
        return offsiteBackups;
    }

    synchronized void offsiteRekeyed(String location) {
        offsiteRekeyed.add(location);
    }

    synchronized void rekeyed(String id) {
        rekeyed.add(id);
    }

    synchronized void alreadyRekeyed(String id) {
        alreadyRekeyed.add(id);
    }

    synchronized RekeyReport report(String location, boolean storeResealed) {
        return new RekeyReport(location, List.copyOf(rekeyed), List.copyOf(alreadyRekeyed),
                List.copyOf(offsiteRekeyed), otherInstallations, storeResealed);
    }

    /** Deletes the downloaded copy of the bucket. */
    @Override
    public void close() throws IOException {
        if (bucket != null) {
            bucket.close();
        }
    }

    @Override
    public String toString() {
        return "Rotation[" + backups.size() + " backups, envelope and passwords hidden]";
    }
}
