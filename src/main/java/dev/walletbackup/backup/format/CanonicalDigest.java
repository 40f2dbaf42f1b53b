package dev.walletbackup.backup.format;

import dev.walletbackup.crypto.Sha256;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.statedigest.StateElement;
import dev.walletbackup.wallet.AgentWallet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * SHA-256 over the canonical encoding of wallet state (docs/backup-format.md, section 6): for each record, in the
 * caller's order, {@code SECTION 0x1F CANONICAL_JSON 0x0A}. Canonical JSON has keys sorted at every depth, no
 * white space, no absent optional fields and no change sequence, so a digest survives any re-encoding.
 */
public final class CanonicalDigest {
    private final MessageDigest sha256 = Sha256.newDigest();

    public void seed(MasterSeedRecord seed) {
        add(seed.stateElement());
    }

    public void wallet(AgentWallet wallet) {
        add(encoded(wallet::stateElement));
    }

    public void lifecycle(WalletLifecycleRecord lifecycle) {
        add(lifecycle.stateElement());
    }

    public void balance(AgentBalance balance) {
        add(balance.stateElement());
    }

    public void tombstone(Tombstone tombstone) {
        add(encoded(tombstone::stateElement));
    }

    /** Adds one record, already encoded. */
    public void add(StateElement element) {
        sha256.update(element.section().getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0x1F);
        sha256.update(element.canonicalJson());
        sha256.update((byte) 0x0A);
    }

    /** A record whose JSON column (metadata, a tombstone's key) must be an object, as read from a payload or row. */
    private static StateElement encoded(Supplier<StateElement> record) {
        try {
            return record.get();
        } catch (IllegalArgumentException e) {
            throw new BackupFormatException("stored JSON is not an object: " + e.getMessage());
        }
    }

    /** The digest so far, as lower-case hex; the digest cannot be extended afterwards. */
    public String finish() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
