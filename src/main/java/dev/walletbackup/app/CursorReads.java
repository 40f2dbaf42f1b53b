package dev.walletbackup.app;

import dev.walletbackup.store.WalletStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;

/**
 * Makes the routes' streaming camel-sql reads ({@code outputType=StreamList}) fetch through a cursor, a window of
 * {@link WalletStore#FETCH_SIZE} rows at a time. PostgreSQL's driver does so only inside a transaction and when the
 * statement itself has a fetch size; otherwise it reads the whole result into the heap before the first row.
 * <p>
 * camel-sql's {@code template.fetchSize} cannot give it: the {@code template.*} options configure the endpoint's
 * Spring JdbcTemplate, which applies them to the statements it runs itself (SelectOne, SelectList), but a StreamList
 * read must outlive the call, so camel-sql prepares that statement on a bare connection, bypassing the template, and
 * its fetch size stays 0. What every statement does pass through before it runs is the endpoint's
 * {@code prepareStatementStrategy}: this one sets the fetch size there, and asks for binary values
 * ({@link WalletStore#readInBinary}). Endpoints name it together with
 * {@code alwaysPopulateStatement=true}, without which camel-sql skips the strategy for queries without parameters.
 */
public final class CursorReads extends DefaultSqlPrepareStatementStrategy {
    @Override
    public void populateStatement(PreparedStatement statement, Iterator<?> parameters, int expected) throws SQLException {
        statement.setFetchSize(WalletStore.FETCH_SIZE);
        WalletStore.readInBinary(statement);
        super.populateStatement(statement, parameters, expected);
    }
}
