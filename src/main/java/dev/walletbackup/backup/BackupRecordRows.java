package dev.walletbackup.backup;

import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.store.Row;
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.WalletRepository;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.component.sql.DefaultRowMapperFactory;
import org.apache.camel.component.sql.RowMapperFactory;
import org.springframework.jdbc.core.RowMapper;

/**
 * Lets the backup route's camel-sql reads ({@code outputClass} with {@code rowMapperFactory}) turn each row
 * straight into its record, read from the result set by the repositories' own {@code fromRow}: no map per row
 * (camel-sql's default builds a case-insensitive map of every column), no reflection (its bean mapper sets
 * properties one by one, which records do not have).
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
        return (rows, rowNumber) -> record.apply(Row.of(rows));
    }
}
