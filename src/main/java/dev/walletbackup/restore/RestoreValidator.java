package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.CountingContentHandler;
import dev.walletbackup.backup.format.BackupHeader;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.DataKeys;
import dev.walletbackup.backup.format.WalletBackupDocumentReader;
import dev.walletbackup.backup.format.WalletBackupDocumentWriter.Summary;
import dev.walletbackup.backup.verify.BackupVerifier;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything a restore checks before it writes anything: each file of the chain against its manifest, its header,
 * every chunk, its content digest and counts, and every wallet's addresses re-derived from the decrypted seed.
 */
public final class RestoreValidator {

    /**
     * What validation proved: how many wallets' addresses re-derived, the installation's fingerprint, the target's
     * state digest as its authenticated trailer carries it (or, for a version-1 incremental, as its manifest says),
     * and the highest index reservation the source's backups authenticate.
     */
    public record Validated(long walletsRederived, String seedFingerprint, String targetStateDigest,
                            SourceReservation reservation) {
    }

    /**
     * @param keys      the data keys of the operation: each file's key is unwrapped once, here, and reused when the
     *                  chain is applied
     * @param passwords the password, to open the seed envelope inside the backups
     */
    public Validated validate(RestoreChain chain, DataKeys keys, Supplier<Password> passwords, Progress progress)
            throws IOException {
        for (BackupManifest member : chain.members()) {
            String problem = BackupVerifier.shallowProblem(chain.directory(), member);
            if (problem != null) {
                throw new BackupFormatException("validate: " + problem);
            }
        }
        AddressProof proof = new AddressProof(passwords);
        try (Progress.Task shown = progress.start("restore: validating",
                chain.members().stream().mapToLong(member -> member.counts().rows()).sum())) {
            return validate(chain, keys, proof, new CountingContentHandler(proof, shown));
        }
    }

    private Validated validate(RestoreChain chain, DataKeys keys, AddressProof proof, BackupContentHandler counted)
            throws IOException {
        String targetStateDigest = null;
        long chainReserved = -1;
        String chainReservedBy = null;
        for (BackupManifest member : chain.members()) {
            Path file = chain.directory().fileOf(member);
            try (BackupFileReader reader = BackupFileReader.open(file); InputStream payload = keys.unlock(reader)) {
                Summary summary = WalletBackupDocumentReader.read(payload, reader.header(), counted);
                proof.flush();
                String problem = disagreement(member, reader.header(), summary);
                if (problem != null) {
                    throw new BackupFormatException("validate: " + file + ": its manifest's " + problem
                            + " differs from the file's authenticated content; the manifest is only an index");
                }
                Long reserved = reader.header().reservedThrough();
                if (reserved != null && reserved > chainReserved) {
                    chainReserved = reserved;
                    chainReservedBy = member.id();
                }
                targetStateDigest = summary.stateDigest() == null ? member.stateDigest() : summary.stateDigest();
            } catch (BackupFormatException e) {
                throw e.getMessage().contains(file.toString()) ? e
                        : new BackupFormatException(file + ": " + e.getMessage(), e);
            }
        }
        BackupManifest target = chain.target();
        SourceReservation reservation = SourceReservation.find(chain.directory(), target,
                Set.copyOf(chain.ids()), chainReserved, chainReservedBy, keys);
        return new Validated(proof.proven(), proof.fingerprint(), targetStateDigest, reservation);
    }

    /** Which field of the manifest disagrees with the authenticated header or trailer of its file, or null. */
    private static String disagreement(BackupManifest manifest, BackupHeader header, Summary trailer) {
        String headerField = manifest.headerMismatch(header);
        if (headerField != null) {
            return headerField;
        }
        if (!trailer.counts().equals(manifest.counts()) || !trailer.contentDigest().equals(manifest.contentDigest())) {
            return "counts or content digest";
        }
        if (trailer.stateDigest() != null && !trailer.stateDigest().equals(manifest.stateDigest())) {
            return "state digest";
        }
        return null;
    }
}
