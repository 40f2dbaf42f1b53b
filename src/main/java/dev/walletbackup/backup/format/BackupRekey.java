package dev.walletbackup.backup.format;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.wallet.AgentWallet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One backup file rewritten under a new password (docs/backup-format.md, section 2.2), with the writer, reader and
 * document encoder every backup uses: the old file is authenticated record by record as it is read, each record goes
 * into a new file sealed under a new data key and key slot, whose seed record carries the new seed envelope, and
 * whose digests are recomputed. The new file, in the source's format version, is then read back whole with the new
 * password. Only files of version 3 and later are rewritten: the state digest of an older incremental covers the
 * whole state, which a rewrite of one file cannot recompute.
 */
public final class BackupRekey {
    private BackupRekey() {
    }

    /** Whether {@code password} opens the key slot of {@code file} (one Argon2id derivation); nothing is decrypted. */
    public static boolean opens(Path file, Password password) {
        try (BackupFileReader reader = BackupFileReader.open(file)) {
            Arrays.fill(reader.unwrapDataKey(password), (byte) 0);
            return true;
        } catch (WrongPasswordException e) {
            return false;
        }
    }

    /**
     * Writes {@code target} (created here, mode 0600) as {@code source} under the new password: its seed record keeps
     * everything but the envelope, which becomes {@code newEnvelope} (the same seed sealed under the new password;
     * the caller proves that). Returns the manifest of {@code target} as read back with the new password; on any
     * failure {@code target} is removed.
     *
     * @throws WrongPasswordException if {@code current} does not open {@code source}
     * @throws BackupFormatException if {@code source} does not authenticate or is of an older format version
     */
    public static Opened rewrite(Path source, Path target, String fileName, Password current, Password next,
                                 byte[] newEnvelope, Argon2Parameters kdf)
            throws IOException {
        AtomicFiles.createPrivateFile(target);
        BackupFileWriter file = null;
        Copy copy = null;
        try (BackupFileReader reader = BackupFileReader.open(source)) {
            BackupHeader header = reader.header();
            if (!header.hasLtHashStateDigest()) {
                throw new BackupFormatException(source + ": format version " + header.formatVersion()
                        + " cannot be rekeyed; only backups of version 3 and later can");
            }
            file = BackupFileWriter.create(target, header, next, kdf);
            copy = new Copy(file, header, newEnvelope);
            WalletBackupDocumentWriter.Summary old;
            try (InputStream payload = reader.unlock(current)) {
                old = WalletBackupDocumentReader.read(payload, header, copy);
            }
            LtHash rekeyed = old.stateLtHash().copy().remove(copy.oldSeed.stateElement().bytes())
                    .add(copy.newSeed.stateElement().bytes());
            WalletBackupDocumentWriter.Summary written =
                    copy.document.finish(header.type() == BackupType.INCREMENTAL ? rekeyed : null);
            if (!written.stateLtHash().equals(rekeyed)) {
                throw new BackupFormatException(source + ": the LtHash of its records differs from its trailer's");
            }
            BackupFileWriter.WrittenFile sealed = file.finish();
            Opened reread = open(target, fileName, next);
            if (reread.manifest().bytes() != sealed.bytes() || !reread.manifest().sha256().equals(sealed.sha256())
                    || !reread.manifest().stateDigest().equals(written.stateDigest())
                    || !reread.manifest().contentDigest().equals(written.contentDigest())) {
                throw new BackupFormatException(target + ": re-read with the new password, it differs from what was written");
            }
            return reread;
        } catch (IOException | RuntimeException e) {
            if (copy != null && copy.document != null) {
                copy.document.abandon();
            }
            if (file != null) {
                file.abandon();
            }
            Files.deleteIfExists(target);
            throw e;
        }
    }

    /**
     * Reads {@code file} whole with {@code password} — every chunk authenticated, the digests recomputed — and returns
     * the manifest it should have and the seed record it holds.
     */
    public static Opened open(Path file, String fileName, Password password) throws IOException {
        SeedCapture seed = new SeedCapture();
        WalletBackupDocumentWriter.Summary summary;
        BackupHeader header;
        try (BackupFileReader reader = BackupFileReader.open(file); InputStream payload = reader.unlock(password)) {
            header = reader.header();
            summary = WalletBackupDocumentReader.read(payload, header, seed);
        }
        return new Opened(BackupManifest.of(header, summary, Files.size(file), FileDigests.sha256(file), fileName),
                seed.seed);
    }

    /** A backup file read whole: the manifest that describes it, and its seed record (the envelope is sealed). */
    public record Opened(BackupManifest manifest, MasterSeedRecord seed) {
    }

    private static final class SeedCapture implements BackupContentHandler {
        private MasterSeedRecord seed;

        @Override
        public void seed(MasterSeedRecord record) {
            seed = record;
        }
    }

    /**
     * Hands every authenticated record of the old document to the new one, which is begun when the old one's seed
     * record has been read: the new seed record is that one with the new envelope.
     */
    private static final class Copy implements BackupContentHandler {
        private final BackupFileWriter file;
        private final BackupHeader header;
        private final byte[] newEnvelope;
        private MasterSeedRecord oldSeed;
        private MasterSeedRecord newSeed;
        private BackupDocumentWriter document;

        Copy(BackupFileWriter file, BackupHeader header, byte[] newEnvelope) {
            this.file = file;
            this.header = header;
            this.newEnvelope = newEnvelope;
        }

        @Override
        public void seed(MasterSeedRecord seed) {
            oldSeed = seed;
            newSeed = new MasterSeedRecord(newEnvelope, seed.fingerprint(), seed.evmAccountXpub(), seed.xrpAccountXpub(),
                    seed.createdAt(), seed.changeSeq());
            document = BackupDocumentWriter.of(file.payload(), header, newSeed);
        }

        @Override
        public void wallet(AgentWallet wallet) {
            document.wallet(wallet);
        }

        @Override
        public void lifecycle(WalletLifecycleRecord record) {
            document.lifecycle(record);
        }

        @Override
        public void balance(AgentBalance balance) {
            document.balance(balance);
        }

        @Override
        public void tombstone(Tombstone tombstone) {
            document.tombstone(tombstone);
        }
    }
}
