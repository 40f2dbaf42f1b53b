package dev.walletbackup.reconcile;

import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/** Adds the classified rows of every batch to one {@link ReconciliationTally}, in batch order. */
public final class ReconciliationRows implements AggregationStrategy {
    private final int rowLimit;

    /** @param rowLimit the most rows that are not MATCH a report keeps */
    public ReconciliationRows(int rowLimit) {
        this.rowLimit = rowLimit;
    }

    @Override
    public Exchange aggregate(Exchange collected, Exchange next) {
        @SuppressWarnings("unchecked")
        List<ReconciliationRow> batch = next.getMessage().getBody(List.class);
        if (collected == null) {
            ReconciliationTally tally = new ReconciliationTally(rowLimit);
            tally.addAll(batch);
            next.getMessage().setBody(tally);
            return next;
        }
        collected.getMessage().getBody(ReconciliationTally.class).addAll(batch);
        return collected;
    }
}
