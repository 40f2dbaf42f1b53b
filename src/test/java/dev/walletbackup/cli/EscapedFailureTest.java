package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * An Error that escapes a command's own reporting still ends the process with a message and code 1: the launcher's
 * exit hook waits for a code, and a main thread that died without one left the process hanging (found with a
 * `backup verify --deep` of 1,000,000 wallets in a 256 MB heap, 2026-11-28).
 */
class EscapedFailureTest {
    @Test
    void anErrorThatEscapesTheCommandEndsItWithCodeOneAndSaysWhy() {
        StringWriter text = new StringWriter();

        int code = WalletBackupCli.exitCodeOf(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, new PrintWriter(text, true));

        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(text.toString()).startsWith("wallet-backup: error: out of memory: the Java heap (at most ");
    }

    @Test
    void aCommandThatReturnsGivesItsOwnCode() {
        assertThat(WalletBackupCli.exitCodeOf(() -> 4, new PrintWriter(new StringWriter()))).isEqualTo(4);
    }
}
