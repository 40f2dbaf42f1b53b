package dev.walletbackup.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.UnknownAgentException;
import dev.walletbackup.derivation.AccountKeys.WalletAddresses;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.progress.Progress;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.MasterSeedRepository;
import dev.walletbackup.seed.MasterSeedService.SeedStateException;
import dev.walletbackup.store.WalletStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates agent wallets. Addresses derive publicly from the stored account keys, so no password is needed. Each
 * creation runs in one transaction that holds the master-seed row lock: indices are handed out in order, above
 * every index in use or reserved ({@link IndexReservation}), never twice, and a failed bulk creation leaves
 * nothing behind.
 */
public final class WalletService {
    private static final Logger LOG = LoggerFactory.getLogger(WalletService.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final WalletStore store;
    private final MasterSeedRepository seeds = new MasterSeedRepository();
    private final WalletRepository wallets = new WalletRepository();
    private final LifecycleRepository lifecycles = new LifecycleRepository();
    private final IndexReservation reservation = new IndexReservation();
    private final Clock clock;
    private final int batchSize;
    private final int derivationThreads;
    private final Progress progress;

    public WalletService(WalletStore store, Clock clock, int batchSize, int derivationThreads, Progress progress) {
        this.store = store;
        this.clock = clock;
        this.batchSize = batchSize;
        this.derivationThreads = derivationThreads;
        this.progress = progress;
    }

    /** Creates the wallet of one agent, with an optional JSON object of metadata. */
    public AgentWallet create(String agentId, String metadataJson) {
        AgentIds.requireValid(agentId);
        String metadata = normalizeMetadata(metadataJson);
        return store.write(connection -> {
            AccountKeys keys = lockSeed(connection).accountKeys();
            if (wallets.find(connection, agentId).isPresent()) {
                throw new IllegalArgumentException("agent " + agentId + " already has a wallet");
            }
            int index = firstFreeIndex(connection, 1);
            insert(connection, List.of(newWallet(agentId, index, keys.addressesAt(index), metadata, clock.instant())));
            reservation.raiseTo(connection, index);
            return wallets.find(connection, agentId).orElseThrow();
        });
    }

    /**
     * Creates {@code count} wallets named {@code prefix + derivationIndex}. Derivation of the next batch runs on
     * {@code derivationThreads} threads while the current batch is inserted.
     */
    public BulkCreation createMany(int count, String prefix) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        AgentIds.requireValidPrefix(prefix, count - 1L);
        ExecutorService pool = Executors.newFixedThreadPool(derivationThreads);
        try (Progress.Task shown = progress.start("wallets create", count)) {
            BulkCreation created = store.write(connection -> {
                AccountKeys keys = lockSeed(connection).accountKeys();
                int first = firstFreeIndex(connection, count);
                AgentIds.requireValidPrefix(prefix, first + count - 1L);
                Instant now = clock.instant();
                IntFunction<CompletableFuture<List<AgentWallet>>> deriveBatch = start -> CompletableFuture.supplyAsync(
                        () -> deriveBatch(keys, prefix, first + start, Math.min(batchSize, count - start), now, pool), pool);
                CompletableFuture<List<AgentWallet>> next = deriveBatch.apply(0);
                for (int start = 0; start < count; start += batchSize) {
                    List<AgentWallet> batch = next.join();
                    if (start + batchSize < count) {
                        next = deriveBatch.apply(start + batchSize);
                    }
                    insert(connection, batch);
                    shown.advance(batch.size());
                }
                reservation.raiseTo(connection, first + count - 1L);
                return new BulkCreation(count, first, first + count - 1);
            });
            LOG.info("Created {} wallets, derivation indices {}..{}", created.count(), created.firstIndex(),
                    created.lastIndex());
            return created;
        } finally {
            pool.shutdownNow();
        }
    }

    public AgentWallet require(String agentId) {
        return store.read(connection -> wallets.find(connection, agentId))
                .orElseThrow(() -> new UnknownAgentException(agentId));
    }

    /** Streams every wallet with its lifecycle state, in derivation order. */
    public void forEachOverview(Consumer<WalletOverview> consumer) {
        store.read(connection -> {
            wallets.forEachOverview(connection, consumer);
            return null;
        });
    }

    private List<AgentWallet> deriveBatch(AccountKeys keys, String prefix, int firstIndex, int size, Instant now,
                                          ExecutorService pool) {
        int parts = Math.max(1, Math.min(derivationThreads, size / 64));
        List<CompletableFuture<List<AgentWallet>>> slices = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            int from = firstIndex + size * part / parts;
            int to = firstIndex + size * (part + 1) / parts;
            slices.add(part == parts - 1
                    ? CompletableFuture.completedFuture(deriveRange(keys, prefix, from, to, now))
                    : CompletableFuture.supplyAsync(() -> deriveRange(keys, prefix, from, to, now), pool));
        }
        List<AgentWallet> batch = new ArrayList<>(size);
        slices.forEach(slice -> batch.addAll(slice.join()));
        return batch;
    }

    private static List<AgentWallet> deriveRange(AccountKeys keys, String prefix, int from, int to, Instant now) {
        List<AgentWallet> out = new ArrayList<>(to - from);
        for (int index = from; index < to; index++) {
            out.add(newWallet(prefix + index, index, keys.addressesAt(index), null, now));
        }
        return out;
    }

    private void insert(Connection connection, List<AgentWallet> batch) throws SQLException {
        try {
            wallets.insertAll(connection, batch);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState()) || isUniqueViolation(e.getNextException())) {
                throw new IllegalArgumentException("an agent id between " + batch.get(0).agentId() + " and "
                        + batch.get(batch.size() - 1).agentId() + " already has a wallet; nothing was created");
            }
            throw e;
        }
        List<WalletLifecycleRecord> records = new ArrayList<>(batch.size());
        batch.forEach(wallet -> records.add(WalletLifecycleRecord.newlyCreated(wallet.agentId(), wallet.createdAt())));
        lifecycles.insertAll(connection, records);
    }

    /** The first of {@code count} consecutive indices above every index in use or reserved. */
    private int firstFreeIndex(Connection connection, int count) throws SQLException {
        long first = reservation.nextFree(connection);
        if (first + count - 1 > IndexReservation.HIGHEST_INDEX) {
            throw new IllegalArgumentException("not enough derivation indices left for " + count + " wallet"
                    + (count == 1 ? "" : "s") + " (the next free index is " + first + ")");
        }
        return (int) first;
    }

    private static boolean isUniqueViolation(SQLException e) {
        return e != null && UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    private MasterSeedRecord lockSeed(Connection connection) throws SQLException {
        return seeds.findForUpdate(connection).orElseThrow(() -> new SeedStateException(
                "no master seed in this store: run 'wallet-backup seed init' or 'seed import' first"));
    }

    private static AgentWallet newWallet(String agentId, int index, WalletAddresses addresses, String metadata,
                                         Instant now) {
        return new AgentWallet(agentId, index, addresses.evmAddress(), addresses.xrpAddress(), now, now, metadata, 0);
    }

    /** The metadata as stored: a JSON object, compacted; {@code null} stays {@code null}. */
    public static String normalizeMetadata(String metadataJson) {
        if (metadataJson == null) {
            return null;
        }
        try {
            JsonNode parsed = WalletJson.mapper().readTree(metadataJson);
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalArgumentException("metadata must be a JSON object");
            }
            return WalletJson.mapper().writeValueAsString(parsed);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not valid JSON: " + WalletJson.problem(e));
        }
    }

    /** What a bulk creation made. */
    public record BulkCreation(int count, int firstIndex, int lastIndex) {
    }
}
