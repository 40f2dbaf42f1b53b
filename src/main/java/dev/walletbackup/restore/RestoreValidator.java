package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.WalletBackupDocumentReader;
import dev.walletbackup.backup.format.WalletBackupDocumentWriter.Summary;
import dev.walletbackup.backup.verify.BackupVerifier;
import dev.walletbackup.crypto.Password;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Everything a restore checks before it writes anything: each file of the chain against its manifest, its header,
 * every chunk, its content digest and counts, and every wallet's addresses re-derived from the decrypted seed.
 */
public final class RestoreValidator {

    /** What validation proved: how many wallets' addresses re-derived, and the installation's fingerprint. */
    public record Validated(long walletsRederived, String seedFingerprint) {
    }

    public Validated validate(RestoreChain chain, Supplier<Password> passwords) throws IOException {
        for (BackupManifest member : chain.members()) {
            String problem = BackupVerifier.shallowProblem(chain.directory(), member);
            if (problem != null) {
                throw new BackupFormatException("validate: " + problem);
            }
        }
        AddressProof proof = new AddressProof(passwords);
        for (BackupManifest member : chain.members()) {
            Path file = chain.directory().fileOf(member);
            try (BackupFileReader reader = BackupFileReader.open(file); Password password = passwords.get();
                 InputStream payload = reader.unlock(password)) {
                Summary summary = WalletBackupDocumentReader.read(payload, reader.header(), proof);
                proof.flush();
                if (!summary.counts().equals(member.counts()) || !summary.contentDigest().equals(member.contentDigest())) {
                    throw new BackupFormatException("validate: " + file + ": content differs from its manifest");
                }
            } catch (BackupFormatException e) {
                throw e.getMessage().contains(file.toString()) ? e
                        : new BackupFormatException(file + ": " + e.getMessage(), e);
            }
        }
        return new Validated(proof.proven(), proof.fingerprint());
    }
}
