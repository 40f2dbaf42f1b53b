package dev.walletbackup.reconcile;

import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.store.Row;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The reconciliation step the restore route hands every balance snapshot to, one row at a time. There is no chain
 * source yet: the only truth to compare a restored snapshot with is the store itself, so each row is a MATCH once
 * it reads back as a valid balance. The reconciliation issue replaces {@link #classify} with chain queries; the
 * route, the streaming split and the totals per status stay.
 */
public final class SnapshotReconciler implements AggregationStrategy {
    public static final String MATCH = "MATCH";

    public String classify(@Body Map<String, Object> row) {
        BalanceRepository.fromRow(Row.of(row));
        return MATCH;
    }

    @Override
    public Exchange aggregate(Exchange totals, Exchange next) {
        Exchange result = totals == null ? next : totals;
        @SuppressWarnings("unchecked")
        Map<String, Long> counts = totals == null ? new TreeMap<>() : result.getMessage().getBody(Map.class);
        counts.merge(next.getMessage().getBody(String.class), 1L, Long::sum);
        result.getMessage().setBody(counts);
        return result;
    }
}
