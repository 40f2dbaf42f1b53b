package dev.walletbackup.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.OperatorNote;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What was learnt after a failure (the safety backup a failed restore took) ends the failure's one line, once. */
class OperatorMessagesNotesTest {
    @Test
    void aNoteAddedToAFailureEndsItsLineOnce() {
        IllegalStateException failure = new IllegalStateException("nothing was restored");
        OperatorNote.addTo(failure, "the safety backup 0123456789abcdef taken first holds the store's state");
        OperatorNote.addTo(failure, "the safety backup 0123456789abcdef taken first holds the store's state");

        assertThat(OperatorMessages.of(failure)).isEqualTo("nothing was restored; the safety backup "
                + "0123456789abcdef taken first holds the store's state");
    }

    @Test
    void aDatabaseFailureKeepsItsNoteToo() {
        IllegalStateException failure = new IllegalStateException("insert failed",
                new SQLException("duplicate key value", "23505"));
        OperatorNote.addTo(failure, "a note");

        assertThat(OperatorMessages.of(failure)).startsWith("wallet store: ").endsWith("; a note")
                .doesNotContain("insert failed");
    }

    @Test
    void otherSuppressedFailuresAreNotPartOfTheLine() {
        IllegalStateException failure = new IllegalStateException("the restore failed");
        failure.addSuppressed(new IllegalStateException("the rollback failed too"));

        assertThat(OperatorMessages.of(failure)).isEqualTo("the restore failed");
    }
}
