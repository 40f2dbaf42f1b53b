package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What interrupted backups leave behind is removed by the next backup, which says so; a backup that fills the disk
 * removes what it wrote and names the file and the room it needs.
 */
class BackupLeftoversTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Leftovers-Test-Pass-1!";

    @TempDir
    Path temp;

    Map<String, String> environment;
    Path config;

    Result run(String... args) {
        return new CliRunner(environment).withConfig(config).run(args);
    }

    Result ok(String... args) {
        return new CliRunner(environment).withConfig(config).ok(args);
    }

    void install(Kind kind, Path backups, int wallets) throws IOException {
        environment = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
        environment.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        environment.put("WALLET_BACKUP_PATH", backups.toString());
        config = TestStores.fastConfigFile(temp, Map.of());
        assertThat(new CliRunner(environment).runWithInput(HARDHAT, "seed", "import", "--config", config.toString())
                .exitCode()).isZero();
        ok("wallets", "create", "--count", String.valueOf(wallets));
    }

    static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theNextBackupRemovesWhatInterruptedBackupsLeftAndSaysSo(Kind kind) throws IOException {
        Path backups = temp.resolve("backups");
        install(kind, backups, 6);
        JsonNode full = ok("backup", "full", "--json").json();
        List<String> complete = names(backups);
        String stamp = "wallet-backup-20260101T000000000Z-full-00000000000000";
        Files.write(backups.resolve("." + stamp + "01.wbk.tmp"), new byte[3000]);
        Files.write(backups.resolve("." + stamp + "02.manifest.json.tmp"), new byte[0]);
        Files.write(backups.resolve(stamp + "03.wbk"), new byte[500]);
        Files.setLastModifiedTime(backups.resolve(stamp + "03.wbk"),
                FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        // a backup being copied back by hand, its file first: young, so it is not taken for a leftover
        Path copiedBack = backups.resolve(stamp + "05.wbk");
        Files.write(copiedBack, new byte[700]);
        Files.write(backups.resolve("." + stamp + "04.manifest.json.part"), new byte[100]);
        Files.writeString(backups.resolve("notes.txt"), "the operator's own file");

        ok("wallets", "set-state", "--agent", "agent-1", "--state", "active");
        Result incremental = ok("backup", "incremental");
        assertThat(incremental.stdout())
                .contains("Note: removed 4 leftovers of interrupted backups from " + backups + " (3600 bytes): ")
                .contains("." + stamp + "01.wbk.tmp", "." + stamp + "02.manifest.json.tmp", stamp + "03.wbk",
                        "." + stamp + "04.manifest.json.part")
                .contains("(incremental, parent " + full.get("id").asText() + ")");
        assertThat(incremental.stderr()).as("the note is the result's, printed once").doesNotContain("leftovers");
        List<String> after = names(backups);
        assertThat(after).containsAll(complete).contains("notes.txt", copiedBack.getFileName().toString())
                .hasSize(complete.size() + 4)
                .filteredOn(name -> name.contains("00000000000000")).containsExactly(copiedBack.getFileName().toString());
        assertThat(incremental.stdout()).doesNotContain(copiedBack.getFileName().toString());
        assertThat(ok("backup", "verify", "--all").exitCode()).isZero();
        assertThat(ok("backup", "full").stdout()).doesNotContain("leftovers");
    }

    @Test
    void aBackupThatFillsTheDiskRemovesWhatItWroteAndSaysWhereAndHowMuch() throws Exception {
        Path backups = Files.createDirectories(temp.resolve("small-disk"));
        mount("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", backups.toString());
        try {
            install(Kind.H2, backups, 2000);
            Path filler = backups.resolve("filler");
            long free = Files.getFileStore(backups).getUsableSpace();
            Files.write(filler, new byte[(int) free - 48 * 1024]);

            Result failed = run("backup", "full");
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.stderr()).contains("No space left on device writing " + backups + "/.wallet-backup-")
                    .contains(".wbk.tmp (needs more than the ").contains("MB free)")
                    .contains("set WALLET_BACKUP_PATH to a larger file system");
            assertThat(names(backups)).containsExactly(".wallet-backup.lock", "filler");
            assertThat(ok("backup", "list", "--json").json()).isEmpty();

            Files.delete(filler);
            JsonNode full = ok("backup", "full", "--json").json();
            assertThat(full.get("type").asText()).isEqualTo("full");
            assertThat(ok("backup", "verify").exitCode()).isZero();
        } finally {
            mount("umount", backups.toString());
        }
    }

    static void mount(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": "
                + new String(process.getInputStream().readAllBytes())).isZero();
    }
}
