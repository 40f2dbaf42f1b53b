package dev.walletbackup.backup;

import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.store.Row;
import dev.walletbackup.store.StoreException;
import dev.walletbackup.store.StoreFailures;
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.WalletRepository;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.component.sql.DefaultRowMapperFactory;
import org.apache.camel.component.sql.RowMapperFactory;
import org.springframework.jdbc.core.RowMapper;

/**
 * Lets the backup route's camel-sql reads ({@code outputClass} with {@code rowMapperFactory}) turn each row
 * straight into its record, read from the result set by the repositories' own {@code fromRow}: no map per row
 * (camel-sql's default builds a case-insensitive map of every column), no reflection (its bean mapper sets
 * properties one by one, which records do not have). A mapper serves one query: it finds the columns' positions
 * in the first row's metadata.
 */
public final class BackupRecordRows implements RowMapperFactory {
    private static final Map<Class<?>, Function<Row, ?>> RECORDS = Map.of(
            AgentWallet.class, WalletRepository::fromRow,
            WalletLifecycleRecord.class, LifecycleRepository::fromRow,
            AgentBalance.class, BalanceRepository::fromRow,
            Tombstone.class, Tombstone::fromRow);

    private final RowMapperFactory columns = new DefaultRowMapperFactory();

    @Override
    public RowMapper<?> newColumnRowMapper() {
        return columns.newColumnRowMapper();
    }

    @Override
    public RowMapper<?> newBeanRowMapper(Class<?> type) {
        Function<Row, ?> record = RECORDS.get(type);
        if (record == null) {
            throw new IllegalArgumentException("no backup record is read from rows as " + type.getName()
                    + " (known: AgentWallet, WalletLifecycleRecord, AgentBalance, Tombstone)");
        }
        return new RowMapper<>() {
            private Map<String, Integer> columns;

            @Override
            public Object mapRow(ResultSet rows, int rowNumber) throws SQLException {
                if (columns == null) {
                    columns = columns(rows.getMetaData());
                }
                return record.apply(column -> {
                    Integer index = columns.get(column);
                    if (index == null) {
                        throw new StoreException("row has no column " + column);
                    }
                    try {
                        return rows.getObject(index);
                    } catch (SQLException e) {
                        throw StoreFailures.translate("cannot read column " + column, e);
                    }
                });
            }
        };
    }

    /**
     * Each column's position, looked up once per query: the drivers' own lookup by name upper- or lower-cases the
     * name on every call, for every column of every row.
     */
    private static Map<String, Integer> columns(ResultSetMetaData metaData) throws SQLException {
        Map<String, Integer> columns = new HashMap<>();
        for (int index = 1; index <= metaData.getColumnCount(); index++) {
            columns.putIfAbsent(metaData.getColumnLabel(index).toLowerCase(Locale.ROOT), index);
        }
        return columns;
    }
}
