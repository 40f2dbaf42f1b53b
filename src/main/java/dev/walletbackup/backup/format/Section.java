package dev.walletbackup.backup.format;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.statedigest.StateElement;
import dev.walletbackup.store.Row;
import dev.walletbackup.store.StateRecord;
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.WalletRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The sections of a version-4 payload (docs/backup-format.md, section 5.1): one per table, in the order they are
 * written, each with the columns of its rows. A row's values are text; this turns them into the typed values the
 * repositories' {@code fromRow} reads, so a section's row becomes its record by the same code as a database row.
 */
public enum Section {
    WALLET("wallet", "agent_wallets", List.of("agent_id", "derivation_index", "evm_address", "xrp_address", "xrp_scheme", "created_at",
            "updated_at", "metadata", "change_seq"),
            Set.of("created_at", "updated_at"), Set.of("derivation_index", "change_seq"), WalletRepository::fromRow),
    LIFECYCLE("lifecycle", "wallet_lifecycle", List.of("agent_id", "state", "created_at", "activated_at", "suspended_at", "archived_at",
            "last_activity", "total_transactions", "total_volume", "suspension_reason", "change_seq"),
            Set.of("created_at", "activated_at", "suspended_at", "archived_at", "last_activity"),
            Set.of("total_transactions", "change_seq"), LifecycleRepository::fromRow),
    BALANCE("balance", "balance_snapshots", List.of("agent_id", "chain", "token", "balance", "decimals", "block_number", "last_updated",
            "change_seq"),
            Set.of("last_updated"), Set.of("decimals", "block_number", "change_seq"), BalanceRepository::fromRow),
    TOMBSTONE("tombstone", "tombstones", List.of("change_seq", "table_name", "row_key", "deleted_at"),
            Set.of("deleted_at"), Set.of("change_seq"), Tombstone::fromRow);

    /**
     * The longest row a backup holds, its LF included: far above any row of the store (a wallet's metadata is the only
     * long value), and what a reader holds in memory at once. A writer refuses a longer row, so that it never writes
     * a backup that a reader would refuse.
     */
    public static final int MAX_ROW_BYTES = 64 << 20;

    /** The line that ends a section: no row can be it, a row's backslashes being doubled. */
    public static final String END = "\\.";

    private final String wireName;
    private final String table;
    private final List<String> columns;
    private final Map<String, Integer> positions = new HashMap<>();
    private final Set<String> instants;
    private final Set<String> integers;
    private final Function<Row, ?> record;

    Section(String wireName, String table, List<String> columns, Set<String> instants, Set<String> integers,
            Function<Row, ?> record) {
        this.wireName = wireName;
        this.table = table;
        this.columns = columns;
        this.instants = instants;
        this.integers = integers;
        this.record = record;
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i), i);
        }
    }

    public String wireName() {
        return wireName;
    }

    public List<String> columns() {
        return columns;
    }

    /**
     * PostgreSQL's statement that streams the whole table as this section's rows, byte for byte: the columns in
     * order, each instant as its epoch milliseconds rounded down (numeric arithmetic: {@code extract} is exact), one
     * sequential scan with no order.
     */
    public String copyStatement() {
        StringBuilder select = new StringBuilder("COPY (SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            select.append(i == 0 ? "" : ", ").append(instants.contains(column)
                    ? "floor(extract(epoch FROM " + column + ") * 1000)::bigint" : column);
        }
        return select.append(" FROM wallet.").append(table).append(") TO STDOUT").toString();
    }

    /**
     * The record a row's values hold: an {@link AgentWallet}, {@link WalletLifecycleRecord}, {@link AgentBalance} or
     * {@link Tombstone}. IllegalArgumentException saying what is malformed.
     */
    public Object record(List<String> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("a " + wireName + " row has " + values.size() + " values, not "
                    + columns.size());
        }
        try {
            return record.apply(column -> value(column, values));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a " + wireName + " row does not hold a valid record: " + e.getMessage(), e);
        }
    }

    /** The state element (docs/backup-format.md, section 6.1) of the record a row's values hold. */
    public StateElement element(List<String> values) {
        Object held = record(values);
        if (held instanceof AgentWallet wallet) {
            return wallet.stateElement();
        }
        if (held instanceof WalletLifecycleRecord lifecycle) {
            return lifecycle.stateElement();
        }
        if (held instanceof AgentBalance balance) {
            return balance.stateElement();
        }
        return ((Tombstone) held).stateElement();
    }

    private Object value(String column, List<String> values) {
        Integer position = positions.get(column);
        if (position == null) {
            throw new IllegalArgumentException("a " + wireName + " row has no column " + column);
        }
        String text = values.get(position);
        if (text == null) {
            return null;
        }
        if (instants.contains(column)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        return integers.contains(column) ? Long.valueOf(text) : text;
    }

    /** The row of a wallet. */
    public static List<String> values(AgentWallet wallet) {
        return withChangeSeq(wallet, wallet.changeSeq());
    }

    /** The row of a lifecycle record; its total volume as the store holds it. */
    public static List<String> values(WalletLifecycleRecord record) {
        return withChangeSeq(record, record.changeSeq());
    }

    /** The row of a balance. */
    public static List<String> values(AgentBalance balance) {
        return withChangeSeq(balance, balance.changeSeq());
    }

    /** The row of a tombstone. */
    public static List<String> values(Tombstone tombstone) {
        return Arrays.asList(Long.toString(tombstone.changeSeq()), tombstone.table(), tombstone.key(),
                millis(tombstone.deletedAt()));
    }

    /** A record's row as the store holds it ({@link StateRecord#rowValues}), its change sequence last. */
    private static List<String> withChangeSeq(StateRecord record, long changeSeq) {
        List<String> row = new ArrayList<>(record.rowValues());
        row.add(Long.toString(changeSeq));
        return row;
    }

    private static String millis(Instant instant) {
        return instant == null ? null : Long.toString(instant.toEpochMilli());
    }
}
