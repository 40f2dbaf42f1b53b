package dev.walletbackup.rekey;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.crypto.PasswordSource;
import java.util.ArrayList;
import java.util.List;

/**
 * One rekey as it moves through its route: where the new password comes from, the seed envelope sealed under it
 * (the same for every backup and the store, so that a chain's state digests stay those of one state), the backups
 * to rewrite, and what was done to each. Holds no password, only its source.
 */
public final class Rotation {
    private final PasswordSource next;
    private final byte[] envelope;
    private final BackupDirectory directory;
    private final List<BackupManifest> backups;
    private final List<String> otherInstallations;
    private final List<String> rekeyed = new ArrayList<>();
    private final List<String> alreadyRekeyed = new ArrayList<>();

    Rotation(PasswordSource next, byte[] envelope, BackupDirectory directory, List<BackupManifest> backups,
             List<String> otherInstallations) {
        this.next = next;
        this.envelope = envelope.clone();
        this.directory = directory;
        this.backups = List.copyOf(backups);
        this.otherInstallations = List.copyOf(otherInstallations);
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

    synchronized void rekeyed(String id) {
        rekeyed.add(id);
    }

    synchronized void alreadyRekeyed(String id) {
        alreadyRekeyed.add(id);
    }

    synchronized RekeyReport report(String location, boolean storeResealed) {
        return new RekeyReport(location, List.copyOf(rekeyed),
                List.copyOf(alreadyRekeyed), otherInstallations, storeResealed);
    }

    @Override
    public String toString() {
        return "Rotation[" + backups.size() + " backups, envelope and passwords hidden]";
    }
}
