package dev.walletbackup.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code bin/wallet-backup} command of docs/operators/password-rotation.md, in the guide's order, on an
 * installation with a full and an incremental backup; each must end with the exit code the guide gives it (0 unless
 * marked {@code # exits N}). The guide's password files are files of this test.
 */
class RekeyGuideTest {
    static final Path GUIDE = Path.of(System.getProperty("wallet.home", "."), "docs", "operators", "password-rotation.md");
    private static final String OLD = "Rotation-Guide-Old-1!";
    private static final String NEW = "Rotation-Guide-New-2?";

    @TempDir
    Path temp;

    @Test
    void everyCommandInThePasswordRotationGuideEndsAsItSays() throws Exception {
        Path config = TestStores.fastConfigFile(temp, Map.of());
        Map<String, String> env = new HashMap<>(TestStores.environment(Kind.H2, temp.resolve("store")));
        env.put("WALLET_BACKUP_PASSWORD", OLD);
        CliRunner cli = new CliRunner(env).withConfig(config);
        assertThat(cli.runWithInput("test test test test test test test test test test test junk", "seed", "import")
                .exitCode()).isZero();
        cli.ok("wallets", "create", "--count", "3");
        cli.ok("backup", "full");
        cli.ok("wallets", "create", "--count", "1", "--prefix", "later-");
        cli.ok("backup", "incremental");
        Path newPassword = Files.writeString(temp.resolve("new-password"), NEW + "\n");
        Path oldPassword = Files.writeString(temp.resolve("old-password"), OLD + "\n");

        List<String> commands = documentedCommands();
        assertThat(commands).hasSize(6);
        for (String command : commands) {
            int marker = command.indexOf("# exits ");
            int expected = marker < 0 ? 0 : Integer.parseInt(command.substring(marker + 8).trim());
            String resolved = (marker < 0 ? command : command.substring(0, marker)).trim()
                    .replace("/etc/wallet-backup/new-password", newPassword.toString())
                    .replace("/etc/wallet-backup/old-password", oldPassword.toString());
            List<String> args = new ArrayList<>(Arrays.asList(resolved.split("\\s+")));
            args.remove(0);
            Result result = cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(command + ": " + result.stderr()).isEqualTo(expected);
            assertThat(result.stdout() + result.stderr()).as(command).doesNotContain(OLD).doesNotContain(NEW);
        }
    }

    static List<String> documentedCommands() throws IOException {
        return GuideCommand.linesOf(GUIDE);
    }
}
