package dev.walletbackup.app;

import dev.walletbackup.balance.BalanceService;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.progress.Progress;
import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.lifecycle.LifecycleService;
import dev.walletbackup.seed.MasterSeedService;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.wallet.WalletService;
import java.time.Clock;

/** The domain services over one open store, wired once for the command line and for the Camel application. */
public final class WalletServices implements AutoCloseable {
    private final WalletConfig config;
    private final WalletStore store;
    private final MasterSeedService seeds;
    private final WalletService wallets;
    private final LifecycleService lifecycles;
    private final BalanceService balances;
    private final Progress progress;

    private WalletServices(WalletConfig config, WalletStore store, Argon2Parameters kdf, Clock clock,
                           Progress progress) {
        this.config = config;
        this.store = store;
        this.progress = progress;
        this.seeds = new MasterSeedService(store, kdf, clock);
        this.wallets = new WalletService(store, clock, config.batchSize(), config.derivationThreads(), progress);
        this.lifecycles = new LifecycleService(store, clock);
        this.balances = new BalanceService(store, clock);
    }

    /** Opens (and migrates) the store that {@code config} names; seeds are sealed with its Argon2id parameters. */
    public static WalletServices open(WalletConfig config, Clock clock) {
        return open(config, clock, true);
    }

    /** @param create whether a missing store is created, or refused ({@link WalletStore#open(WalletConfig, boolean)}) */
    public static WalletServices open(WalletConfig config, Clock clock, boolean create) {
        return open(config, clock, create, Progress.NONE);
    }

    /** @param progress where long runs (creation, backup, verify, restore) show how far they are */
    public static WalletServices open(WalletConfig config, Clock clock, boolean create, Progress progress) {
        return new WalletServices(config, WalletStore.open(config, create), config.kdf(), clock, progress);
    }

    public Progress progress() {
        return progress;
    }

    public WalletConfig config() {
        return config;
    }

    public WalletStore store() {
        return store;
    }

    public MasterSeedService seeds() {
        return seeds;
    }

    public WalletService wallets() {
        return wallets;
    }

    public LifecycleService lifecycles() {
        return lifecycles;
    }

    public BalanceService balances() {
        return balances;
    }

    @Override
    public void close() {
        store.close();
    }

    /** Closes, removing the store if this open created it and it is still empty (a command that failed). */
    public void closeDiscardingIfCreatedEmpty() {
        store.closeDiscardingIfCreatedEmpty();
    }
}
