package dev.walletbackup.seed;

import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordPolicy;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.store.WalletStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, imports and unlocks the master seed. The seed exists in memory only while an operation needs it and is
 * stored only inside its password envelope; a store holds at most one seed and it is never replaced.
 */
public final class MasterSeedService {
    private static final Logger LOG = LoggerFactory.getLogger(MasterSeedService.class);

    private final WalletStore store;
    private final MasterSeedRepository repository = new MasterSeedRepository();
    private final Argon2Parameters kdfParameters;
    private final Clock clock;

    public MasterSeedService(WalletStore store, Argon2Parameters kdfParameters, Clock clock) {
        this.store = store;
        this.kdfParameters = kdfParameters;
        this.clock = clock;
    }

    /** Generates a new mnemonic, stores its seed sealed under {@code password}, and returns the mnemonic once. */
    public Mnemonic initialize(int words, Password password) {
        PasswordPolicy.check(password);
        requireNoSeed();
        Mnemonic mnemonic = Mnemonic.generate(words);
        store(mnemonic, "", password);
        return mnemonic;
    }

    /** Stores the seed of an existing mnemonic (with its optional BIP-39 passphrase) sealed under {@code password}. */
    public MasterSeedRecord importMnemonic(Mnemonic mnemonic, String passphrase, Password password) {
        PasswordPolicy.check(password);
        requireNoSeed();
        return store(mnemonic, passphrase, password);
    }

    public Optional<MasterSeedRecord> find() {
        return store.read(repository::find);
    }

    public MasterSeedRecord require() {
        return find().orElseThrow(() -> new SeedStateException(
                "no master seed in this store: run 'wallet-backup seed init' or 'seed import' first"));
    }

    public AccountKeys accountKeys() {
        return require().accountKeys();
    }

    /**
     * Opens the stored envelope and proves it is the seed this store was made with.
     *
     * @throws dev.walletbackup.crypto.WrongPasswordException on a wrong password
     */
    public MasterSeed unlock(Password password) {
        MasterSeedRecord record = require();
        MasterSeed seed = SeedEnvelope.open(record.envelope(), password);
        if (!HdKeys.masterFingerprint(seed).equals(record.fingerprint())) {
            seed.close();
            throw new SeedStateException("the stored envelope does not hold the seed with fingerprint " + record.fingerprint());
        }
        return seed;
    }

    /**
     * Replaces the stored envelope with {@code envelope}, the same seed sealed under a new password (a rekey), unless
     * it is already that envelope. The caller has proven that the envelope holds this store's seed.
     *
     * @return whether the store changed
     */
    public boolean reseal(byte[] envelope) {
        return store.write(connection -> {
            MasterSeedRecord seed = repository.findForUpdate(connection).orElseThrow(() -> new SeedStateException(
                    "no master seed in this store: there is nothing to re-seal"));
            if (Arrays.equals(seed.envelope(), envelope)) {
                return false;
            }
            repository.replaceEnvelope(connection, seed, envelope);
            return true;
        });
    }

    /**
     * The record of {@code seed} sealed in its envelope under {@code password}, not yet stored: what {@code seed import}
     * stores, for an import that stores it in its own transaction.
     */
    public MasterSeedRecord seal(MasterSeed seed, Password password) {
        PasswordPolicy.check(password);
        AccountKeys keys = HdKeys.agentAccountKeys(seed);
        return new MasterSeedRecord(SeedEnvelope.seal(seed, password, kdfParameters), HdKeys.masterFingerprint(seed),
                keys.evm().serialize(), keys.xrp().serialize(), clock.instant(), 0);
    }

    private MasterSeedRecord store(Mnemonic mnemonic, String passphrase, Password password) {
        try (MasterSeed seed = mnemonic.toSeed(passphrase)) {
            MasterSeedRecord record = seal(seed, password);
            store.write(connection -> {
                if (repository.findForUpdate(connection).isPresent()) {
                    throw new SeedStateException("this store already has a master seed; it is never replaced");
                }
                repository.insert(connection, record);
                return null;
            });
            LOG.info("Master seed stored (fingerprint {}, {}-word mnemonic)", record.fingerprint(), mnemonic.wordCount());
            return record;
        }
    }

    private void requireNoSeed() {
        find().ifPresent(existing -> {
            throw new SeedStateException("this store already has a master seed (fingerprint " + existing.fingerprint()
                    + "); it is never replaced");
        });
    }

    /** The seed is missing where it is needed, or present where it must not be. */
    public static final class SeedStateException extends IllegalStateException {
        public SeedStateException(String message) {
            super(message);
        }
    }
}
