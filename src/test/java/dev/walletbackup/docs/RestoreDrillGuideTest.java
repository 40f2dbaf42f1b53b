package dev.walletbackup.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.Bytes;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.S3Server;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code bin/wallet-backup} command of docs/operators/restore-drills.md, in the guide's order, as an
 * operator would: on an installation whose backups go to its directory and to a real S3 server (S3Proxy) under the
 * guide's bucket and prefix; before section 3 the newest incremental of the directory is damaged (one byte flipped
 * after it was written). Each command must exit as the guide says ({@code # exit N}, 0 when none).
 */
class RestoreDrillGuideTest {
    static final Path GUIDE = Path.of(System.getProperty("wallet.home", "."), "docs", "operators", "restore-drills.md");
    static final String DOCUMENTED_DIRECTORY = "/srv/wallet-backup/backups";
    static final String DAMAGED_FROM_SECTION = "3";

    @TempDir
    Path temp;

    @Test
    void everyCommandOfTheDrillGuideExitsAsWritten() throws Exception {
        try (S3Server s3 = S3Server.start(Files.createDirectories(temp.resolve("s3")))) {
            Map<String, String> env = new HashMap<>(s3.environment("prod/"));
            env.put("WALLET_DATA_DIR", temp.resolve("data").toString());
            env.put("WALLET_BACKUP_PASSWORD", RunningApplication.PASSWORD);
            String damagedFile;
            try (RunningApplication app = RunningApplication.startOn(TestStores.config(env)
                    .with(Map.of(WalletConfig.SCHEDULE_ENABLED, "false")), Clock.systemUTC()).withHardhatSeed(3)) {
                app.backup("full");
                app.services().wallets().createMany(1, "later-");
                damagedFile = app.backup("incremental").fileName();
            }
            CliRunner cli = new CliRunner(env).withConfig(TestStores.fastConfigFile(temp, Map.of()));
            Path backups = temp.resolve("data").resolve("backups");

            List<GuideCommand> commands = GuideCommand.of(GUIDE);
            assertThat(commands).hasSizeGreaterThanOrEqualTo(5);
            boolean damaged = false;
            for (GuideCommand command : commands) {
                if (command.section().equals(DAMAGED_FROM_SECTION) && !damaged) {
                    Bytes.flipOneByte(backups.resolve(damagedFile));
                    damaged = true;
                }
                String line = command.line();
                Matcher exit = TroubleshootingGuideTest.EXPECTED_EXIT.matcher(line);
                int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
                List<String> args = new ArrayList<>(Arrays.asList(TroubleshootingGuideTest.EXPECTED_EXIT.matcher(line).replaceFirst("").strip()
                        .replace(DOCUMENTED_DIRECTORY, backups.toString()).split("\\s+")));
                args.remove(0);
                Result result = cli.run(args.toArray(String[]::new));
                assertThat(result.exitCode()).as(line + "\n" + result.stdout() + result.stderr()).isEqualTo(expected);
                if (expected == 3) {
                    assertThat(result.stdout() + result.stderr()).as(line)
                            .contains(damagedFile);
                }
            }
            assertThat(damaged).isTrue();
        }
    }
}
