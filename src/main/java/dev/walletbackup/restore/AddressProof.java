package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.crypto.Sha256;
import dev.walletbackup.derivation.AccountKeys.WalletAddresses;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.derivation.LegacyXrpKeys;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.derivation.XrpScheme;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.SeedEnvelope;
import dev.walletbackup.wallet.AgentWallet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Proves, while a backup is applied, that its seed is the right one: the envelope opens with the password, the seed
 * has the recorded fingerprint and account keys, and every wallet's EVM and XRP address re-derives from it (the XRP
 * address by the wallet's {@link XrpScheme}: an ed25519-legacy one from the private account key). Any
 * difference (wrong seed, tampering, derivation drift) is an integrity failure, and the restore's transaction rolls
 * back. It is given each record as the restore writes it; wallets are re-derived in batches by one worker thread per
 * core meanwhile, so derivation runs beside the parsing and writing of all the sections instead of holding up the
 * wallets'. What waits for a worker is compact (a wallet's index, a reference to its scheme and a 16-byte hash of its
 * two addresses, 24 bytes), and at most {@link #MOST_WAITING} batches wait (the reader waits otherwise), which bounds
 * memory. A mismatch is reported by {@link #flush}, once the whole chain is applied, naming the wallet.
 */
final class AddressProof implements BackupContentHandler, AutoCloseable {
    /** Wallets per task. */
    private static final int BATCH = 1024;
    /** Batches handed in and not yet proven, at most: a million wallets, 24 MiB of claims. */
    private static final int MOST_WAITING = 1024;
    private static final int CLAIM_BYTES = 16;

    private final PasswordSource passwords;
    private final ExecutorService workers;
    private final Semaphore waiting = new Semaphore(MOST_WAITING);
    private final MessageDigest claimHash = Sha256.newDigest();
    private Claims pending = new Claims(null);
    /** A wallet whose addresses the seed does not derive, once a worker found one; else null. */
    private final AtomicReference<Mismatch> mismatch = new AtomicReference<>();
    private volatile RuntimeException failure;
    private AccountKeys keys;
    private LegacyXrpKeys legacyXrpKeys;
    private String fingerprint;
    private long proven;

    AddressProof(PasswordSource passwords) {
        this.passwords = passwords;
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "restore-derivation-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void seed(MasterSeedRecord seed) {
        if (keys == null) {
            open(seed);
        } else if (!seed.fingerprint().equals(fingerprint)) {
            throw new BackupFormatException("re-derive: this backup holds seed " + seed.fingerprint()
                    + " but the chain's full backup holds " + fingerprint + " (backups of another installation)");
        }
    }

    private void open(MasterSeedRecord seed) {
        try (Password password = passwords.get(); MasterSeed opened = SeedEnvelope.open(seed.envelope(), password)) {
            fingerprint = HdKeys.masterFingerprint(opened);
            keys = HdKeys.agentAccountKeys(opened);
            legacyXrpKeys = LegacyXrpKeys.of(opened);
        }
        if (!fingerprint.equals(seed.fingerprint()) || !keys.evm().serialize().equals(seed.evmAccountXpub())
                || !keys.xrp().serialize().equals(seed.xrpAccountXpub())) {
            throw new BackupFormatException("re-derive: the seed in the envelope does not have the recorded fingerprint "
                    + seed.fingerprint() + " and account keys");
        }
    }

    @Override
    public void wallet(AgentWallet wallet) {
        pending.add(wallet.derivationIndex(), wallet.xrpScheme(), claim(wallet.evmAddress(), wallet.xrpAddress()));
        if (pending.size == BATCH) {
            submit();
        }
    }

    @Override
    public void lifecycle(WalletLifecycleRecord record) {
    }

    @Override
    public void balance(AgentBalance balance) {
    }

    @Override
    public void tombstone(Tombstone tombstone) {
    }

    /** The backup whose wallets come next, named if one of them does not derive. */
    void readFrom(Path file) {
        submit();
        pending = new Claims(file);
    }

    /**
     * Waits until every wallet handed in so far is proven; call once the chain's rows are written on
     * {@code connection}: a mismatch is reported with the agent the store now has at that index.
     */
    void flush(Connection connection) throws SQLException {
        submit();
        waiting.acquireUninterruptibly(MOST_WAITING);
        waiting.release(MOST_WAITING);
        RuntimeException found = failure;
        if (found != null) {
            throw new IllegalStateException("re-derive: " + found.getMessage(), found);
        }
        Mismatch mismatched = mismatch.get();
        if (mismatched != null) {
            int index = mismatched.index();
            throw new BackupFormatException(mismatched.file() + ": re-derive: " + agentAt(connection, index)
                    + " at index " + index + " has addresses that the seed does not derive; nothing was "
                    + "restored");
        }
    }

    private static String agentAt(Connection connection, int index) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(
                "SELECT agent_id FROM wallet.agent_wallets WHERE derivation_index = ?")) {
            find.setInt(1, index);
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? "agent " + rows.getString(1) : "the wallet";
            }
        }
    }

    private void submit() {
        if (pending.size == 0) {
            return;
        }
        Claims batch = pending;
        pending = new Claims(batch.file);
        AccountKeys derivation = keys;
        LegacyXrpKeys legacy = legacyXrpKeys;
        waiting.acquireUninterruptibly();
        workers.execute(() -> {
            try {
                prove(derivation, legacy, batch);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                waiting.release();
            }
        });
        proven += batch.size;
    }

    private void prove(AccountKeys derivation, LegacyXrpKeys legacy, Claims batch) {
        MessageDigest hash = Sha256.newDigest();
        for (int i = 0; i < batch.size && failure == null && mismatch.get() == null; i++) {
            int index = batch.indices[i];
            WalletAddresses derived = derivation.addressesAt(index);
            String xrpAddress = batch.schemes[i] == XrpScheme.ED25519_LEGACY ? legacy.addressAt(index)
                    : derived.xrpAddress();
            if (!Arrays.equals(claim(hash, derived.evmAddress(), xrpAddress), 0, CLAIM_BYTES,
                    batch.claims, i * CLAIM_BYTES, (i + 1) * CLAIM_BYTES)) {
                mismatch.compareAndSet(null, new Mismatch(index, batch.file));
            }
        }
    }

    private byte[] claim(String evmAddress, String xrpAddress) {
        return claim(claimHash, evmAddress, xrpAddress);
    }

    /** SHA-256 of both addresses, exactly as written (an EVM address's checksum case included). */
    private static byte[] claim(MessageDigest hash, String evmAddress, String xrpAddress) {
        hash.update(evmAddress.getBytes(StandardCharsets.UTF_8));
        hash.update((byte) '\n');
        return hash.digest(xrpAddress.getBytes(StandardCharsets.UTF_8));
    }

    /** How many wallets were handed in to be proven; all of them are once {@link #flush} returned. */
    long proven() {
        return proven;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** Stops the workers, also when the restore failed with batches still waiting. */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** A wallet whose addresses do not derive, and the backup that holds it. */
    private record Mismatch(int index, Path file) {
    }

    /**
     * A batch of wallets of one backup to prove: their indices, XRP schemes and the first 16 bytes of their addresses'
     * hash.
     */
    private static final class Claims {
        private final Path file;
        private final int[] indices = new int[BATCH];
        private final XrpScheme[] schemes = new XrpScheme[BATCH];
        private final byte[] claims = new byte[BATCH * CLAIM_BYTES];
        private int size;

        Claims(Path file) {
            this.file = file;
        }

        void add(int index, XrpScheme scheme, byte[] claim) {
            indices[size] = index;
            schemes[size] = scheme;
            System.arraycopy(claim, 0, claims, size * CLAIM_BYTES, CLAIM_BYTES);
            size++;
        }
    }
}
