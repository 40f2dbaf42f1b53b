package dev.walletbackup.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.cli.WalletBackupCli;
import dev.walletbackup.testing.CliRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seed import} typed at a real terminal: {@code script} gives the command a pseudo-terminal, the test types
 * the words only once the prompt is there, and the transcript (everything the terminal showed) must not hold them.
 */
class SeedImportTerminalTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Terminal-Test-Pass-1!";
    static final String PASSPHRASE = "Passphrase-Typed-Blind";

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theMnemonicAndPassphraseArePromptedForAndNeverEchoed() throws Exception {
        Path dataDir = temp.resolve("data");
        Process terminal = onPseudoTerminal(dataDir, "seed", "import");
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        try (OutputStream keyboard = terminal.getOutputStream(); InputStream screen = terminal.getInputStream()) {
            awaitOnScreen(screen, transcript, "BIP-39 mnemonic (the words are not shown as you type): ");
            keyboard.write((HARDHAT + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            awaitOnScreen(screen, transcript, "BIP-39 passphrase (Enter for none): ");
            keyboard.write((PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            screen.transferTo(transcript);
        } finally {
            terminal.destroy();
        }
        assertThat(terminal.waitFor()).as(transcript.toString(StandardCharsets.UTF_8)).isZero();

        String shown = transcript.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("Master seed imported, fingerprint").doesNotContain("junk")
                .doesNotContain("test test").doesNotContain(PASSPHRASE);
        String withPassphrase;
        try (var seed = Mnemonic.parse(HARDHAT).toSeed(PASSPHRASE)) {
            withPassphrase = dev.walletbackup.derivation.HdKeys.masterFingerprint(seed);
        }
        assertThat(new CliRunner(Map.of("WALLET_DATA_DIR", dataDir.toString())).run("seed", "fingerprint").stdout())
                .contains(withPassphrase);
    }

    /** Reads what the terminal shows until {@code expected} has appeared; fails if the program ends first. */
    static void awaitOnScreen(InputStream screen, ByteArrayOutputStream transcript, String expected) throws IOException {
        while (!transcript.toString(StandardCharsets.UTF_8).endsWith(expected)) {
            int next = screen.read();
            assertThat(next).as("the terminal closed before showing '" + expected + "': " + transcript).isNotNegative();
            transcript.write(next);
        }
    }

    /** The command line in its own JVM on a pseudo-terminal that {@code script} opens; its input is our keyboard. */
    Process onPseudoTerminal(Path dataDir, String... arguments) throws IOException {
        List<String> java = Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath(),
                "-Dwallet.home=" + Path.of("").toAbsolutePath(), WalletBackupCli.class.getName()),
                Stream.of(arguments)).toList();
        String command = java.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder("script", "--quiet", "--flush", "--return", "--command", command,
                "/dev/null").redirectErrorStream(true);
        builder.environment().put("WALLET_DATA_DIR", dataDir.toString());
        builder.environment().put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return builder.start();
    }
}
