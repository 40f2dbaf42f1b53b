package dev.walletbackup.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What an operator at a terminal sees of a long run. */
class TerminalProgressTest {
    final StringWriter shown = new StringWriter();
    final AtomicLong nanos = new AtomicLong();
    final TerminalProgress progress = new TerminalProgress(new PrintWriter(shown), nanos::get);

    @Test
    void aRunningTaskShowsRowsRateAndTimeLeftThenItsTotal() {
        try (Progress.Task task = progress.start("restore: applying", 4_000)) {
            nanos.set(1_000_000_000L);
            task.advance(2_000);
        }
        assertThat(shown.toString()).startsWith("\rrestore: applying: 2,000 of 4,000 rows (50%), 2,000 rows/s, "
                + "about 1 s left").endsWith("\rrestore: applying: 2,000 rows in 1 s\u001b[K" + System.lineSeparator());
    }

    @Test
    void aLineIsRewrittenAtMostTwiceASecond() {
        try (Progress.Task task = progress.start("backup full", 0)) {
            nanos.set(600_000_000L);
            task.advance(1_024);
            nanos.set(700_000_000L);
            task.advance(1_024);
            nanos.set(1_200_000_000L);
            task.advance(1_024);
        }
        assertThat(shown.toString().split("rows/s", -1)).as("two updates, 0.6 s apart").hasSize(3);
        assertThat(shown.toString()).contains("backup full: 1,024 rows, ").doesNotContain("left");
    }

    @Test
    void aTaskTooShortToBeShownLeavesNothing() {
        try (Progress.Task task = progress.start("wallets create", 10)) {
            task.advance(10);
        }
        assertThat(shown.toString()).isEmpty();
    }
}
