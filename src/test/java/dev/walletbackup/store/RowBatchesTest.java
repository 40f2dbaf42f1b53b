package dev.walletbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowBatchesTest {
    final RowBatches batches = new RowBatches(3);

    @Test
    void rowsComeInBatchesOfTheSizeInTheirOrderTheLastOneShorter() {
        List<List<Integer>> seen = new ArrayList<>();
        batches.of(IntStream.range(0, 8).iterator()).forEachRemaining(seen::add);
        assertThat(seen).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7));
    }

    @Test
    void noRowsMakeNoBatch() {
        Iterator<List<Object>> none = batches.of(List.of().iterator());
        assertThat(none.hasNext()).isFalse();
        assertThatThrownBy(none::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aBatchIsReadOnlyWhenItIsAskedFor() {
        Counting rows = new Counting(10);
        Iterator<List<Integer>> batched = batches.of(rows);
        assertThat(rows.taken).isZero();
        batched.next();
        assertThat(rows.taken).isEqualTo(3);
    }

    @Test
    void closingTheBatchesClosesTheCursorUnderThem() throws Exception {
        Counting rows = new Counting(10);
        Iterator<List<Integer>> batched = batches.of(rows);
        batched.next();
        ((Closeable) batched).close();
        assertThat(rows.closed).isTrue();
    }

    @Test
    void aBatchHoldsAtLeastOneRow() {
        assertThatThrownBy(() -> new RowBatches(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Rows 0 … n-1, counting how many were taken, closeable like camel-sql's cursor. */
    static final class Counting implements Iterator<Integer>, Closeable {
        final int rows;
        int taken;
        boolean closed;

        Counting(int rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            return taken < rows;
        }

        @Override
        public Integer next() {
            return taken++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
