package dev.walletbackup.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on standard error for an operator at a terminal: one line per task, rewritten in place at most every
 * half second — rows done, of how many, the rate, and the time left — then left standing with the total and the
 * time taken. Only ever on standard error, never in {@code --json} output (the command line decides that).
 */
public final class TerminalProgress implements Progress {
    private static final long INTERVAL_NANOS = Duration.ofMillis(500).toNanos();
    /** Rows between two looks at the clock: a row costs far more than this check, a clock read does not. */
    private static final long ROWS_BETWEEN_CHECKS = 1024;

    private final PrintWriter err;
    private final LongSupplier nanoTime;

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}) */
    public TerminalProgress(PrintWriter err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    @Override
    public Task start(String what, long total) {
        return new Line(what, total);
    }

    private final class Line implements Task {
        private final String what;
        private final long total;
        private final long started;
        private long done;
        private long nextCheck = ROWS_BETWEEN_CHECKS;
        private long lastShown;
        private boolean shown;
        private boolean closed;

        Line(String what, long total) {
            this.what = what;
            this.total = total;
            this.started = nanoTime.getAsLong();
            this.lastShown = started;
        }

        @Override
        public synchronized void advance(long rows) {
            done += rows;
            if (done < nextCheck) {
                return;
            }
            nextCheck = done + ROWS_BETWEEN_CHECKS;
            long now = nanoTime.getAsLong();
            if (now - lastShown >= INTERVAL_NANOS) {
                lastShown = now;
                shown = true;
                err.print("\r" + running(now) + "\u001b[K");
                err.flush();
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (shown) {
                long elapsed = nanoTime.getAsLong() - started;
                err.print("\r" + what + ": " + number(done) + " rows in " + seconds(elapsed) + "\u001b[K"
                        + System.lineSeparator());
                err.flush();
            }
        }

        private String running(long now) {
            double elapsedSeconds = Math.max(now - started, 1) / 1e9;
            double rate = done / elapsedSeconds;
            StringBuilder line = new StringBuilder(what).append(": ").append(number(done));
            if (total > 0) {
                line.append(" of ").append(number(total)).append(" rows (")
                        .append(Math.min(100, done * 100 / total)).append("%)");
            } else {
                line.append(" rows");
            }
            line.append(", ").append(number(Math.round(rate))).append(" rows/s");
            if (total > done && rate > 0) {
                line.append(", about ").append(seconds((long) ((total - done) / rate * 1e9))).append(" left");
            }
            return line.toString();
        }
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String seconds(long nanos) {
        long seconds = Math.round(nanos / 1e9);
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
