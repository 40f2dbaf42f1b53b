package dev.walletbackup.backup.format;

import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.statedigest.RowSum;
import dev.walletbackup.store.RowText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of rows that arrive as row text (a PostgreSQL COPY's output), summed on every core while the caller goes
 * on streaming: their row sum (docs/backup-format.md, section 6.2: a SHA-256 of each row's text without its change
 * sequence) and, when asked for, their LtHash (section 6.1: each row parsed back into its record and its state element
 * expanded, about a microsecond and a half a row — parsing every row also proves that what the database streamed is
 * what a reader will accept). Every batch that is not plain ASCII is decoded strictly, so rows that are not UTF-8
 * fail either way. At most two batches per worker wait, which bounds memory. Add from one thread only.
 */
final class RowTextState implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ExecutorService pool;
    private final boolean ltHash;
    private final Deque<Future<Sums>> pending = new ArrayDeque<>();
    private final Sums sum;

    /** @param ltHash whether the rows' LtHash is summed too, not only their row sum */
    RowTextState(boolean ltHash) {
        this.ltHash = ltHash;
        this.sum = new Sums(RowSum.empty(), ltHash ? LtHash.empty() : null);
        int number = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "row-state-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sums {@code rows}: whole rows of {@code section}, each ended by its LF. */
    void add(Section section, byte[] rows) {
        if (pending.size() >= 2 * workers) {
            sum.add(result(pending.removeFirst()));
        }
        pending.addLast(pool.submit(() -> sums(section, rows, ltHash)));
    }

    /** Waits for every batch and returns the sums of all; the LtHash is null unless asked for. */
    Sums finish() {
        try {
            while (!pending.isEmpty()) {
                sum.add(result(pending.removeFirst()));
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** The row sum and (null unless summed) the LtHash of some rows. */
    record Sums(RowSum rowSum, LtHash ltHash) {
        void add(Sums other) {
            rowSum.add(other.rowSum);
            if (ltHash != null) {
                ltHash.add(other.ltHash);
            }
        }
    }

    private static Sums sums(Section section, byte[] rows, boolean withLtHash) throws CharacterCodingException {
        // nearly every batch is ASCII, whose rows are taken as they are; any other is decoded strictly, row by row
        var utf8 = isAscii(rows) ? null : StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        RowSum rowSum = RowSum.empty();
        LtHash hash = withLtHash ? LtHash.empty() : null;
        int start = 0;
        for (int end = 0; end < rows.length; end++) {
            if (rows[end] == '\n') {
                CharSequence row = utf8 == null ? null : utf8.decode(ByteBuffer.wrap(rows, start, end - start));
                rowSum.add(section.wireName(), rows, start, lastValueStart(rows, start, end) - 1);
                if (hash != null) {
                    hash.add(section.element(RowText.parse(row != null ? row
                            : new String(rows, start, end - start, StandardCharsets.ISO_8859_1))).bytes());
                }
                start = end + 1;
            }
        }
        return new Sums(rowSum, hash);
    }

    /** Where the row's last value, its change sequence, begins: after its last TAB. */
    private static int lastValueStart(byte[] rows, int start, int end) {
        for (int i = end - 1; i >= start; i--) {
            if (rows[i] == '\t') {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("a row has a single value: no change sequence after the columns");
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static Sums result(Future<Sums> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while summing the backup's rows", e);
        } catch (ExecutionException e) {
            throw new BackupFormatException("a row the database streamed is not one a reader accepts: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
