package dev.walletbackup.discovery;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.chain.EvmJsonRpc.BalanceQuery;
import dev.walletbackup.chain.EvmJsonRpc;
import dev.walletbackup.chain.XrplJsonRpc;
import dev.walletbackup.derivation.AccountKeys.WalletAddresses;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.MasterSeedRepository;
import dev.walletbackup.seed.MasterSeedService.SeedStateException;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.timeline.TimelineRepository;
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.IndexReservation;
import dev.walletbackup.wallet.WalletRepository;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BIP-44 account discovery, the way HD wallets recover: walk the derivation indices from 0, skip those the store
 * holds, and ask the chains whether each other address was ever used (EVM: transaction count, ether and the
 * configured token balances; XRPL: the account exists), until {@code gapLimit} unused indices in a row. Every used
 * index — a wallet created after the restored backup — becomes a wallet again, suspended until the operator
 * gives it back to its agent, with its balances; the reservation moves past the last index asked.
 */
public final class WalletDiscovery {
    public static final String REASON = "found on chain after restore";
    public static final String AGENT_PREFIX = "discovered-";
    private static final Logger LOG = LoggerFactory.getLogger(WalletDiscovery.class);

    private final WalletStore store;
    private final EvmJsonRpc evm;
    private final XrplJsonRpc xrpl;
    private final List<String> tokens;
    private final int gapLimit;
    private final Clock clock;

    /** {@code evm} and {@code xrpl} are null for a chain without an endpoint; without both, nothing is asked. */
    public WalletDiscovery(WalletStore store, EvmJsonRpc evm, XrplJsonRpc xrpl, List<String> tokens, int gapLimit,
                           Clock clock) {
        this.store = store;
        this.evm = evm;
        this.xrpl = xrpl;
        this.tokens = List.copyOf(tokens);
        this.gapLimit = gapLimit;
        this.clock = clock;
    }

    /** One wallet found on chain, with the balances recorded for it (token → smallest units). */
    @JsonPropertyOrder({"agentId", "derivationIndex", "evmAddress", "xrpAddress", "balances"})
    public record Found(String agentId, int derivationIndex, String evmAddress, String xrpAddress,
                        Map<String, BigInteger> balances) {
    }

    /**
     * What a discovery did: {@code ran} is false without any chain endpoint (then {@code reason} says so);
     * {@code scannedThrough} is the last index asked, -1 if none.
     */
    @JsonPropertyOrder({"ran", "reason", "gapLimit", "scannedThrough", "found"})
    public record Outcome(boolean ran, String reason, int gapLimit, long scannedThrough, List<Found> found) {
    }

    public boolean chainsConfigured() {
        return evm != null || xrpl != null;
    }

    public Outcome discover() {
        if (!chainsConfigured()) {
            return new Outcome(false, "no chain endpoint is configured (EVM_RPC_URL, XRPL_RPC_URL)", gapLimit, -1,
                    List.of());
        }
        Scan scan = store.read(connection -> new Scan(keys(connection, false), inUse(connection)));
        Probe probe = new Probe();
        List<Found> found = new ArrayList<>();
        int gap = 0;
        long index = 0;
        long scannedThrough = -1;
        while (gap < gapLimit && index <= IndexReservation.HIGHEST_INDEX) {
            List<Integer> window = new ArrayList<>();
            for (long next = index; window.size() < gapLimit - gap && next <= IndexReservation.HIGHEST_INDEX; next++) {
                if (!scan.inUse().get((int) next)) {
                    window.add((int) next);
                }
            }
            Map<Integer, Map<String, BigInteger>> used = probe.used(scan.keys(), window);
            for (; gap < gapLimit && !window.isEmpty() && index <= window.get(window.size() - 1); index++) {
                if (scan.inUse().get((int) index)) {
                    gap = 0;
                } else if (used.containsKey((int) index)) {
                    WalletAddresses addresses = scan.keys().addressesAt((int) index);
                    found.add(new Found(AGENT_PREFIX + index, (int) index, addresses.evmAddress(),
                            addresses.xrpAddress(), used.get((int) index)));
                    gap = 0;
                } else {
                    gap++;
                }
                scannedThrough = index;
            }
            if (window.isEmpty()) {
                break;
            }
        }
        List<Found> recorded = record(found, scannedThrough, probe);
        LOG.info("Discovery asked the chains up to index {}: {} wallet(s) found on chain", scannedThrough, found.size());
        return new Outcome(true, null, gapLimit, scannedThrough, recorded);
    }

    private record Scan(AccountKeys keys, BitSet inUse) {
    }

    /** Asks the chains about addresses, at one pinned EVM block and validated XRP ledger. */
    private final class Probe {
        private final Long block = evm == null ? null : evm.latestBlock();
        private final Long ledger = xrpl == null ? null : xrpl.validatedLedger();
        private final Map<String, Integer> decimals = new LinkedHashMap<>();

        Probe() {
            if (evm != null) {
                tokens.forEach(token -> decimals.put(token, evm.decimals(token, block)));
            }
        }

        /** The used indices of {@code window}, each with its non-zero balances. */
        Map<Integer, Map<String, BigInteger>> used(AccountKeys keys, List<Integer> window) {
            Map<Integer, Map<String, BigInteger>> used = new LinkedHashMap<>();
            if (evm != null) {
                List<BalanceQuery> queries = new ArrayList<>();
                for (int index : window) {
                    String address = keys.addressesAt(index).evmAddress();
                    queries.add(new BalanceQuery(address, EvmJsonRpc.NONCE));
                    queries.add(new BalanceQuery(address, EvmJsonRpc.NATIVE));
                    tokens.forEach(token -> queries.add(new BalanceQuery(address, token)));
                }
                Map<BalanceQuery, BigInteger> answers = evm.balances(queries, block).requireAll();
                for (int index : window) {
                    String address = keys.addressesAt(index).evmAddress();
                    Map<String, BigInteger> balances = new LinkedHashMap<>();
                    boolean sent = signum(answers.get(new BalanceQuery(address, EvmJsonRpc.NONCE))) > 0;
                    for (String token : concat(EvmJsonRpc.NATIVE, tokens)) {
                        BigInteger balance = answers.get(new BalanceQuery(address, token));
                        if (signum(balance) > 0) {
                            balances.put(token, balance);
                        }
                    }
                    if (sent || !balances.isEmpty()) {
                        used.put(index, balances);
                    }
                }
            }
            if (xrpl != null) {
                for (int index : window) {
                    BigInteger drops = xrpl.drops(keys.addressesAt(index).xrpAddress(), ledger);
                    if (drops.signum() > 0) {
                        used.computeIfAbsent(index, ignored -> new LinkedHashMap<>()).put(XrplJsonRpc.NATIVE, drops);
                    }
                }
            }
            return used;
        }
    }

    /**
     * Inserts the wallets found, suspended with their balances, and raises the reservation, in one transaction;
     * returns them as recorded (an agent id already taken, say by an operator's own {@code discovered-7}, gets a
     * suffix).
     */
    private List<Found> record(List<Found> discovered, long scannedThrough, Probe probe) {
        return store.write(connection -> {
            AccountKeys keys = keys(connection, true);
            BitSet inUse = inUse(connection);
            for (Found wallet : discovered) {
                if (inUse.get(wallet.derivationIndex())) {
                    throw new IllegalStateException("derivation index " + wallet.derivationIndex() + " got a wallet "
                            + "while discovery was asking the chains; nothing was recorded: run 'wallets discover' again");
                }
            }
            List<Found> found = withFreeAgentIds(connection, discovered);
            WalletRepository wallets = new WalletRepository();
            LifecycleRepository lifecycles = new LifecycleRepository();
            BalanceRepository balances = new BalanceRepository();
            Instant now = clock.instant();
            List<AgentWallet> rows = new ArrayList<>();
            List<WalletLifecycleRecord> records = new ArrayList<>();
            for (Found wallet : found) {
                WalletAddresses addresses = keys.addressesAt(wallet.derivationIndex());
                rows.add(new AgentWallet(wallet.agentId(), wallet.derivationIndex(), addresses.evmAddress(),
                        addresses.xrpAddress(), now, now, null, 0));
                records.add(new WalletLifecycleRecord(wallet.agentId(), LifecycleState.SUSPENDED, now, null, now, null,
                        null, 0, Map.of(), REASON, 0));
            }
            wallets.insertAll(connection, rows);
            lifecycles.insertAll(connection, records);
            List<AgentBalance> snapshots = new ArrayList<>();
            for (Found wallet : found) {
                for (Map.Entry<String, BigInteger> balance : wallet.balances().entrySet()) {
                    boolean xrp = XrplJsonRpc.NATIVE.equals(balance.getKey());
                    int decimals = xrp ? 6 : probe.decimals.getOrDefault(balance.getKey(), 18);
                    snapshots.add(new AgentBalance(wallet.agentId(), xrp ? Chain.XRP : Chain.EVM,
                            balance.getKey(), balance.getValue(), decimals, xrp ? probe.ledger : probe.block, now, 0));
                }
            }
            balances.upsertAll(connection, snapshots);
            new IndexReservation().raiseTo(connection, scannedThrough);
            new TimelineRepository().markDiscovered(connection, now);
            return List.copyOf(found);
        });
    }

    /** Each wallet under {@code discovered-<index>}, or {@code discovered-<index>-<n>} when that id is taken. */
    private static List<Found> withFreeAgentIds(Connection connection, List<Found> found) throws SQLException {
        Set<String> taken = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT agent_id FROM wallet.agent_wallets WHERE agent_id LIKE ?")) {
            query.setString(1, AGENT_PREFIX + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    taken.add(rows.getString(1));
                }
            }
        }
        List<Found> named = new ArrayList<>();
        for (Found wallet : found) {
            String agentId = wallet.agentId();
            for (int suffix = 2; taken.contains(agentId); suffix++) {
                agentId = wallet.agentId() + "-" + suffix;
            }
            taken.add(agentId);
            named.add(new Found(agentId, wallet.derivationIndex(), wallet.evmAddress(), wallet.xrpAddress(),
                    wallet.balances()));
        }
        return named;
    }

    private static AccountKeys keys(Connection connection, boolean lock) throws SQLException {
        MasterSeedRepository seeds = new MasterSeedRepository();
        MasterSeedRecord seed = (lock ? seeds.findForUpdate(connection) : seeds.find(connection))
                .orElseThrow(() -> new SeedStateException("no master seed in this store: nothing to discover"));
        return seed.accountKeys();
    }

    private static BitSet inUse(Connection connection) throws SQLException {
        BitSet inUse = new BitSet();
        try (PreparedStatement query = connection.prepareStatement("SELECT derivation_index FROM wallet.agent_wallets")) {
            query.setFetchSize(WalletStore.FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    inUse.set(rows.getInt(1));
                }
            }
        }
        return inUse;
    }

    private static int signum(BigInteger value) {
        return value == null ? 0 : value.signum();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
