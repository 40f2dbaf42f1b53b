package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Long runs show progress on standard error when the launcher found a terminal there (WALLET_PROGRESS=on), and
 * never in --json output. The clock moves a second each time it is read, so every check shows a line.
 */
class ProgressTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";

    @TempDir
    Path temp;

    /** A clock that is a second later every time it is read. */
    static Clock ticking() {
        AtomicLong seconds = new AtomicLong(Instant.parse("2026-11-27T00:00:00Z").getEpochSecond());
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(seconds.incrementAndGet());
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void createBackupVerifyAndRestoreShowTheirRowsOnStandardErrorButNeverInJson(Kind kind) throws IOException {
        Map<String, String> env = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
        env.put("WALLET_BACKUP_PASSWORD", "Progress-Shown-Pass-1!");
        env.put("WALLET_PROGRESS", "on");
        CliRunner cli = new CliRunner(env).withConfig(TestStores.fastConfigFile(temp, Map.of())).withClock(ticking());
        assertThat(cli.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();

        assertThat(cli.ok("wallets", "create", "--count", "1500").stderr())
                .contains("wallets create: ").contains(" of 1,500 rows (").contains("rows/s")
                .contains("wallets create: 1,500 rows in ");
        assertThat(cli.ok("backup", "full").stderr()).contains("backup full: ").contains(" of 3,000 rows (")
                .contains("backup full: 3,000 rows in ");
        assertThat(cli.ok("backup", "verify", "--deep").stderr()).contains("verify --deep: 3,000 rows in ");
        CliRunner.Result restore = cli.ok("restore", "--dry-run");
        assertThat(restore.stderr()).as("one pass over the rows: they are proven as they are applied")
                .contains("restore: applying: 3,000 rows in ").doesNotContain("restore: validating");

        CliRunner.Result json = cli.ok("wallets", "create", "--count", "1500", "--prefix", "quiet-", "--json");
        assertThat(json.json().get("lastIndex").asInt() - json.json().get("firstIndex").asInt()).isEqualTo(1499);
        assertThat(json.stderr()).doesNotContain("rows");
    }
}
