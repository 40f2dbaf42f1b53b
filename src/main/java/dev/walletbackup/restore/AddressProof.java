package dev.walletbackup.restore;

import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.derivation.AccountKeys.WalletAddresses;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeed;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.SeedEnvelope;
import dev.walletbackup.wallet.AgentWallet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Proves, while a backup is applied, that its seed is the right one: the envelope opens with the password, the seed
 * has the recorded fingerprint and account keys, and every wallet's EVM and XRP address re-derives from it. Any
 * difference (wrong seed, tampering, derivation drift) is an integrity failure, and the restore's transaction rolls
 * back. It is given each record as the restore writes it; wallets are re-derived in batches by one worker thread per
 * core meanwhile, so derivation runs beside the parsing and writing instead of before it. At most a few batches wait
 * for a worker (the reader waits otherwise), which bounds memory; a mismatch fails the next record handed in, or
 * {@link #flush()}.
 */
final class AddressProof implements BackupContentHandler, AutoCloseable {
    /** Wallets per task: small, so that the wallets waiting to be proven stay young for the garbage collector. */
    private static final int BATCH = 1024;

    private final Supplier<Password> passwords;
    private final ExecutorService workers;
    /** One permit per batch that may be submitted and not yet proven. */
    private final Semaphore waiting;
    private final int slots;
    private List<AgentWallet> pending = new ArrayList<>(BATCH);
    private volatile RuntimeException failure;
    private AccountKeys keys;
    private String fingerprint;
    private long proven;

    AddressProof(Supplier<Password> passwords) {
        this.passwords = passwords;
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(cores, task -> {
            Thread thread = new Thread(task, "restore-derivation-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.slots = 2 * cores;
        this.waiting = new Semaphore(slots);
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
        }
        if (!fingerprint.equals(seed.fingerprint()) || !keys.evm().serialize().equals(seed.evmAccountXpub())
                || !keys.xrp().serialize().equals(seed.xrpAccountXpub())) {
            throw new BackupFormatException("re-derive: the seed in the envelope does not have the recorded fingerprint "
                    + seed.fingerprint() + " and account keys");
        }
    }

    @Override
    public void wallet(AgentWallet wallet) {
        failIfMismatched();
        pending.add(wallet);
        if (pending.size() == BATCH) {
            submit();
        }
    }

    @Override
    public void lifecycle(WalletLifecycleRecord record) {
        failIfMismatched();
    }

    @Override
    public void balance(AgentBalance balance) {
        failIfMismatched();
    }

    @Override
    public void tombstone(Tombstone tombstone) {
        failIfMismatched();
    }

    /** Waits until every wallet handed in so far is proven; call at the end of each backup. */
    void flush() {
        submit();
        waiting.acquireUninterruptibly(slots);
        waiting.release(slots);
        failIfMismatched();
    }

    private void submit() {
        if (pending.isEmpty()) {
            return;
        }
        List<AgentWallet> batch = pending;
        pending = new ArrayList<>(BATCH);
        AccountKeys derivation = keys;
        waiting.acquireUninterruptibly();
        workers.execute(() -> {
            try {
                prove(derivation, batch);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                waiting.release();
            }
        });
        proven += batch.size();
    }

    private void prove(AccountKeys derivation, List<AgentWallet> batch) {
        for (AgentWallet wallet : batch) {
            if (failure != null) {
                return;
            }
            WalletAddresses addresses = derivation.addressesAt(wallet.derivationIndex());
            if (!addresses.evmAddress().equals(wallet.evmAddress()) || !addresses.xrpAddress().equals(wallet.xrpAddress())) {
                throw new BackupFormatException("re-derive: agent " + wallet.agentId() + " at index "
                        + wallet.derivationIndex() + " has addresses that the seed does not derive");
            }
        }
    }

    /** Fails in the reader's thread with what a worker found: the mismatch (an integrity failure) or its error. */
    private void failIfMismatched() {
        RuntimeException found = failure;
        if (found instanceof BackupFormatException) {
            throw new BackupFormatException(found.getMessage(), found);
        }
        if (found != null) {
            throw new IllegalStateException("re-derive: " + found.getMessage(), found);
        }
    }

    /** How many wallets were handed in to be proven; all of them are once {@link #flush()} returned. */
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
}
