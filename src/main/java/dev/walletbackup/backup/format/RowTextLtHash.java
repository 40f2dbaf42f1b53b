package dev.walletbackup.backup.format;

import dev.walletbackup.statedigest.LtHash;
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
 * The LtHash of rows that arrive as row text (a PostgreSQL COPY's output), summed on every core: each batch of whole
 * rows is parsed back into its records and their state elements hashed (docs/backup-format.md, section 6.1) on a
 * worker, about a microsecond and a half per row, while the caller goes on streaming. Parsing every row also proves
 * that what the database streamed is what a reader will accept. At most two batches per worker wait, which bounds
 * memory. Add from one thread only.
 */
final class RowTextLtHash implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ExecutorService pool;
    private final Deque<Future<LtHash>> pending = new ArrayDeque<>();
    private final LtHash sum = LtHash.empty();

    RowTextLtHash() {
        int number = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "row-lthash-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Hashes {@code rows}: whole rows of {@code section}, each ended by its LF. */
    void add(Section section, byte[] rows) {
        if (pending.size() >= 2 * workers) {
            sum.add(result(pending.removeFirst()));
        }
        pending.addLast(pool.submit(() -> hash(section, rows)));
    }

    /** Waits for every batch and returns the sum of their LtHashes. */
    LtHash finish() {
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

    private static LtHash hash(Section section, byte[] rows) throws CharacterCodingException {
        // nearly every batch is ASCII, whose rows are taken as they are; any other is decoded strictly, row by row
        var utf8 = isAscii(rows) ? null : StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        LtHash hash = LtHash.empty();
        int start = 0;
        for (int end = 0; end < rows.length; end++) {
            if (rows[end] == '\n') {
                CharSequence row = utf8 == null ? new String(rows, start, end - start, StandardCharsets.ISO_8859_1)
                        : utf8.decode(ByteBuffer.wrap(rows, start, end - start));
                hash.add(section.element(RowText.parse(row)).bytes());
                start = end + 1;
            }
        }
        return hash;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static LtHash result(Future<LtHash> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing the backup's rows", e);
        } catch (ExecutionException e) {
            throw new BackupFormatException("a row the database streamed is not one a reader accepts: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
