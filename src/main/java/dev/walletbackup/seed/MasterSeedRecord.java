package dev.walletbackup.seed;

import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.statedigest.StateElement;
import dev.walletbackup.store.StateRecord;
import java.time.Instant;
import java.util.List;

/**
 * The stored master seed: the sealed envelope and its public companions (the master key fingerprint and the two
 * account-level extended public keys). Nothing here is secret without the password.
 */
public record MasterSeedRecord(byte[] envelope, String fingerprint, String evmAccountXpub, String xrpAccountXpub,
                               Instant createdAt, long changeSeq) implements StateRecord {

    /** The seed as a record of wallet state, for the backups' digests: its envelope, never what it seals. */
    @Override
    public StateElement stateElement() {
        return StateElement.seed(createdAt.toEpochMilli(), envelope, evmAccountXpub, fingerprint, xrpAccountXpub);
    }

    /** The seed is no section's row: its canonical JSON stands for it in the row sum. */
    @Override
    public List<String> rowValues() {
        return null;
    }

    public AccountKeys accountKeys() {
        return AccountKeys.parse(evmAccountXpub, xrpAccountXpub);
    }

    @Override
    public String toString() {
        return "MasterSeedRecord[fingerprint=" + fingerprint + ", createdAt=" + createdAt + ", changeSeq=" + changeSeq + "]";
    }
}
