package dev.walletbackup.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.legacy.LegacyFixtures;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
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
 * Runs every {@code bin/wallet-backup} command of docs/operators/migration-from-ts-connector.md, in the guide's order,
 * on the original connector's shared five-wallet fixture and an incremental made from it; each must end with the exit
 * code the guide gives it (0 unless marked {@code # exits N}). The legacy password differs from the new one, as the
 * guide's {@code --legacy-password-file} says, and neither may appear in any output.
 */
class MigrationGuideTest {
    static final Path GUIDE = Path.of(System.getProperty("wallet.home", "."), "docs", "operators",
            "migration-from-ts-connector.md");
    private static final String NEW_PASSWORD = "Migration-Guide-New-1!";

    @TempDir
    Path temp;

    @Test
    void everyCommandOfTheMigrationGuideExitsAsWritten() throws Exception {
        Path old = Files.createDirectories(temp.resolve("ts-connector"));
        Path backups = Files.createDirectories(old.resolve("backups"));
        Files.move(LegacyFixtures.copyFiveWallets(backups), backups.resolve("full.json"));
        LegacyFixtures.write(backups.resolve("incremental-1.json"), backup -> {
            backup.put("type", "incremental").put("timestamp", backup.get("timestamp").asLong() + 60_000);
            backup.putArray("wallets");
            ObjectNode record = (ObjectNode) backup.get("lifecycleRecords").get(2).deepCopy();
            backup.putArray("lifecycleRecords").add(record.put("state", "suspended").put("suspendedAt",
                    backup.get("timestamp").asLong()).put("suspensionReason", "migration drill"));
            backup.putObject("balanceSnapshots");
        });
        Path legacyPassword = Files.writeString(old.resolve("backup-password"), LegacyFixtures.PASSWORD + "\n");
        Map<String, String> env = new HashMap<>(TestStores.environment(Kind.H2, temp.resolve("store")));
        env.put("WALLET_BACKUP_PASSWORD", NEW_PASSWORD);
        CliRunner cli = new CliRunner(env).withConfig(TestStores.fastConfigFile(temp, Map.of()));

        List<GuideCommand> commands = GuideCommand.of(GUIDE);
        assertThat(commands).extracting(GuideCommand::section).containsExactly("4", "4", "5", "5", "5", "5", "5", "6");
        for (GuideCommand command : commands) {
            String line = command.line();
            int marker = line.indexOf("# exits ");
            int expected = marker < 0 ? 0 : Integer.parseInt(line.substring(marker + 8).trim());
            String resolved = (marker < 0 ? line : line.substring(0, marker)).trim()
                    .replace("/srv/ts-connector/backup-password", legacyPassword.toString())
                    .replace("/srv/ts-connector/data/wallet/encryption-salt", LegacyFixtures.saltFile(backups).toString())
                    .replace("/srv/ts-connector/backups/", backups + "/");
            List<String> args = new ArrayList<>(Arrays.asList(resolved.split("\\s+")));
            args.remove(0);
            Result result = cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(line + ": " + result.stderr()).isEqualTo(expected);
            assertThat(result.stdout() + result.stderr()).as(line).doesNotContain(NEW_PASSWORD)
                    .doesNotContain(LegacyFixtures.PASSWORD);
        }
        assertThat(cli.ok("wallets", "show", "--agent", "agent-2").stdout()).as("the incremental was applied")
                .contains("suspended").contains("migration drill");
    }
}
