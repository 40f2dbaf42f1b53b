package dev.walletbackup.reconcile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.camel.Body;

/** Cuts a stream of snapshot rows into batches, so that each batch is one round of JSON-RPC batch requests. */
public final class ReconcileBatches {
    private final int size;

    public ReconcileBatches(int size) {
        this.size = size;
    }

    public Iterator<List<Object>> of(@Body Iterator<?> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public List<Object> next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Object> batch = new ArrayList<>(size);
                while (rows.hasNext() && batch.size() < size) {
                    batch.add(rows.next());
                }
                return batch;
            }
        };
    }
}
