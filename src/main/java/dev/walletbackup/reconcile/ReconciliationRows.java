package dev.walletbackup.reconcile;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/** Joins the classified rows of every batch into one list, in batch order. */
public final class ReconciliationRows implements AggregationStrategy {
    @Override
    public Exchange aggregate(Exchange collected, Exchange next) {
        @SuppressWarnings("unchecked")
        List<ReconciliationRow> batch = next.getMessage().getBody(List.class);
        if (collected == null) {
            next.getMessage().setBody(new ArrayList<>(batch));
            return next;
        }
        @SuppressWarnings("unchecked")
        List<ReconciliationRow> rows = collected.getMessage().getBody(List.class);
        rows.addAll(batch);
        return collected;
    }
}
