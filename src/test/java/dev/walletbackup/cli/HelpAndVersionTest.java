package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code -h/--help} and {@code -V/--version} on every command of the tree picocli builds, hidden ones included, so
 * that a command added later is covered without touching this test. They answer at once: no store is opened or
 * created, no password is asked for.
 */
class HelpAndVersionTest {
    @TempDir
    Path temp;

    /** Every command, as the words that name it after {@code wallet-backup} (the root is the empty list). */
    static List<List<String>> everyCommand() {
        CommandSpec root = new CommandLine(new WalletBackupCli(Map.of(), InputStream.nullInputStream(), null,
                Clock.systemUTC())).getCommandSpec();
        List<List<String>> commands = new ArrayList<>();
        collect(root, List.of(), commands);
        return commands;
    }

    private static void collect(CommandSpec command, List<String> words, List<List<String>> commands) {
        commands.add(words);
        command.subcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                List<String> longer = new ArrayList<>(words);
                longer.add(name);
                collect(sub.getCommandSpec(), longer, commands);
            }
        });
    }

    @Test
    void theTreeHoldsEveryCommandGroupAndItsSubcommands() {
        assertThat(everyCommand()).contains(List.of("seed", "import"), List.of("wallets", "list"),
                List.of("backup", "verify"), List.of("restore"), List.of("run"), List.of("bench", "phase"),
                List.of("generate-completion")).hasSizeGreaterThan(25);
    }

    @Test
    void everyCommandPrintsItsOwnUsageForHelpAndExitsZeroWithoutAStoreOrAPassword() {
        Path dataDir = temp.resolve("never-created");
        CliRunner cli = new CliRunner(Map.of("WALLET_DATA_DIR", dataDir.toString()));
        for (List<String> command : everyCommand()) {
            String name = String.join(" ", Stream.concat(Stream.of("wallet-backup"), command.stream()).toList());
            for (String help : List.of("--help", "-h")) {
                Result result = cli.run(with(command, help));
                assertThat(result.exitCode()).as(name + " " + help + ": " + result.stderr()).isZero();
                assertThat(result.stdout()).as(name + " " + help).startsWith("Usage: " + name + " ")
                        .contains("--help").contains("--version").contains("--data-dir").contains("--verbose");
                assertThat(result.stderr()).as(name + " " + help).isEmpty();
            }
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void everyCommandPrintsTheVersionAndExitsZeroWithoutAStoreOrAPassword() {
        Path dataDir = temp.resolve("never-created");
        CliRunner cli = new CliRunner(Map.of("WALLET_DATA_DIR", dataDir.toString()));
        String expected = new Version().getVersion()[0];
        assertThat(expected).startsWith("wallet-backup ");
        for (List<String> command : everyCommand()) {
            for (String version : List.of("--version", "-V")) {
                Result result = cli.run(with(command, version));
                assertThat(result.exitCode()).as(command + " " + version + ": " + result.stderr()).isZero();
                assertThat(result.stdout().strip()).as(command + " " + version).isEqualTo(expected);
                assertThat(result.stderr()).as(command + " " + version).isEmpty();
            }
        }
        assertThat(dataDir).doesNotExist();
    }

    private static String[] with(List<String> command, String option) {
        return Stream.concat(command.stream(), Stream.of(option)).toArray(String[]::new);
    }
}
