package dev.walletbackup.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.camel.Body;

/**
 * Cuts the rows of a streaming read into lists of at most {@code size} rows, lazily, for the routes' splits: one
 * exchange and one bean call per batch instead of per row (backup), one round of JSON-RPC batch requests per batch
 * (reconciliation), and never more than one batch in memory.
 * <p>
 * Not Simple's {@code ${collate(n)}}: in Camel 4.18 that expression re-wraps its grouping each time it is
 * evaluated, and Simple caches one instance per text, so every evaluation after the first (the next split with
 * the same text, the next backup) yields groups of groups.
 */
public final class RowBatches {
    private final int size;

    public RowBatches(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one row");
        }
        this.size = size;
    }

    /** The batches of {@code rows}; closing them closes {@code rows} if it can be closed (a database cursor). */
    public <T> Iterator<List<T>> of(@Body Iterator<T> rows) {
        return new Batches<>(rows, size);
    }

    private static final class Batches<T> implements Iterator<List<T>>, Closeable {
        private final Iterator<T> rows;
        private final int size;

        Batches(Iterator<T> rows, int size) {
            this.rows = rows;
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public List<T> next() {
            if (!rows.hasNext()) {
                throw new NoSuchElementException();
            }
            List<T> batch = new ArrayList<>(size);
            while (batch.size() < size && rows.hasNext()) {
                batch.add(rows.next());
            }
            return batch;
        }

        @Override
        public void close() throws IOException {
            if (rows instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }
}
