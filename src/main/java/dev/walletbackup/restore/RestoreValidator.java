package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupHeader;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.DataKeys;
import dev.walletbackup.backup.verify.BackupVerifier;
import dev.walletbackup.routes.ExchangeProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restore checks before it touches anything — before the safety backup of a non-empty store and before its
 * transaction: each file of the chain against its manifest (size, SHA-256, plaintext header, chain links) and its
 * header authenticated with the data key (the key slot unwraps, so the password is right, and HEADER_MAC holds), and
 * the highest index reservation the source authenticates. Nothing is decrypted beyond the header: every chunk, the
 * content digest and counts, the seed and every wallet's addresses are proven by the one read that applies the file,
 * inside the restore's transaction, where any failure rolls everything back ({@link StoreRestorer}). A file that
 * passes these checks and fails there has had its manifest rewritten to match it: deliberate tampering, which
 * costs a rolled-back transaction (and, with {@code --force}, a safety backup), never the store.
 */
public final class RestoreValidator {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreValidator.class);

    /**
     * What the checks proved: the installation's fingerprint (the chain's authenticated headers name it) and the
     * highest index reservation the source's backups authenticate.
     */
    public record Validated(String seedFingerprint, SourceReservation reservation) {
    }

    /** The restore route's step: the session's chain checked with its data keys. */
    public void validateChain(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session) {
        RestoreChain chain = session.chain();
        Validated validated = validate(chain, session.keys());
        LOG.info("Restore chain {} checked: every file's size, SHA-256 and authenticated header (seed {}); its "
                + "chunks, digests and addresses are proven as it is applied", chain.ids(),
                validated.seedFingerprint());
        session.validated(validated);
    }

    /** @param keys the data keys of the operation: each file's key is unwrapped once, here, and reused when applied */
    public Validated validate(RestoreChain chain, DataKeys keys) {
        long chainReserved = -1;
        String chainReservedBy = null;
        for (BackupManifest member : chain.members()) {
            String problem = BackupVerifier.shallowProblem(chain.directory(), member);
            if (problem != null) {
                throw new BackupFormatException(problem);
            }
            Long reserved = authenticatedHeader(chain.directory().fileOf(member), keys).reservedThrough();
            if (reserved != null && reserved > chainReserved) {
                chainReserved = reserved;
                chainReservedBy = member.id();
            }
        }
        BackupManifest target = chain.target();
        SourceReservation reservation = SourceReservation.find(chain.directory(), target,
                Set.copyOf(chain.ids()), chainReserved, chainReservedBy, keys);
        return new Validated(target.seedFingerprint(), reservation);
    }

    /** The file's header, authenticated with its data key; no chunk is read. */
    private static BackupHeader authenticatedHeader(Path file, DataKeys keys) {
        try (BackupFileReader reader = BackupFileReader.open(file); InputStream unread = keys.unlock(reader)) {
            return reader.header();
        } catch (IOException e) {
            throw new BackupFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
