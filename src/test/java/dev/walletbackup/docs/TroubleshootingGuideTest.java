package dev.walletbackup.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Section 8 of the operator's guide, case by case: each test stages the mishap its subsection describes on a real
 * installation (embedded H2, the default), then runs the subsection's {@code bin/wallet-backup} commands as written
 * and expects the exit code each one documents ({@code # exit N}, 0 when none). Restores run on a fresh data
 * directory each, as on the machine an operator restores to.
 */
class TroubleshootingGuideTest {
    static final String PASSWORD = "Trouble-Shoot-Pass-1!";
    static final String TEST_MNEMONIC = "test test test test test test test test test test test junk";
    static final String OTHER_MNEMONIC = "abandon abandon abandon abandon abandon abandon abandon abandon abandon "
            + "abandon abandon about";
    static final Pattern EXPECTED_EXIT = Pattern.compile("#\\s*exit\\s+(\\d+)\\s*$");

    @TempDir
    Path temp;
    Path config;
    int freshDirectories;

    @Test
    void aDamagedOrStrayFileNeverBlocksARestore() throws IOException {
        Path backups = installation("a", TEST_MNEMONIC).backups;
        Files.writeString(backups.resolve("wallet-backup-20260101T000000000Z-full-00000000000000aa.manifest.json"), "{{{");
        Files.writeString(backups.resolve("wallet-backup-20260101T000000000Z-full-00000000000000bb.manifest.json"), "");
        Files.write(backups.resolve("wallet-backup-20260102T000000000Z-full-00000000000000cc.wbk"), new byte[100]);
        Files.write(backups.resolve(".wallet-backup-20260103T000000000Z-full-00000000000000dd.wbk.tmp"), new byte[100]);

        Map<String, Result> results = follow("8.1", backups, null, Map.of());
        Result list = results.get("backup list --source");
        assertThat(list.stderr()).contains("warning: ignored").contains("00000000000000aa").contains("00000000000000bb")
                .contains("warning: orphan").contains("00000000000000cc").contains("00000000000000dd");
        assertThat(results.get("restore --source").stderr()).contains("warning: ignored");
    }

    @Test
    void anIncrementalOnAChainThatIsNoLongerThereBecomesAFull() throws IOException {
        Installation installation = installation("b", TEST_MNEMONIC);
        try (Stream<Path> files = Files.list(installation.backups)) {
            for (Path file : files.filter(path -> path.getFileName().toString().contains("-full-")).toList()) {
                Files.move(file, Files.createDirectories(temp.resolve("moved-away")).resolve(file.getFileName()));
            }
        }
        Map<String, Result> results = follow("8.2", installation.backups, installation.cli, Map.of());
        assertThat(results.get("backup incremental").stdout()).contains("Note:").contains("not intact")
                .contains("(full");
        assertThat(results.get("backup list").stdout()).contains("MISSING");
    }

    @Test
    void twoInstallationsInOneDirectoryNeedAChoice() throws IOException {
        Installation ours = installation("c1", TEST_MNEMONIC);
        Installation theirs = installation("c2", OTHER_MNEMONIC);
        Path mixed = Files.createDirectories(temp.resolve("mixed"));
        for (Path directory : List.of(ours.backups, theirs.backups)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(path -> !path.getFileName().toString().startsWith(".")).toList()) {
                    Files.copy(file, mixed.resolve(file.getFileName()));
                }
            }
        }
        String fingerprint = ours.cli.run("seed", "fingerprint", "--json", "--config", config.toString())
                .json().get("fingerprint").asText();
        Map<String, Result> results = follow("8.3", mixed, null, Map.of("<FP>", fingerprint));
        assertThat(results.get("backup list --source").stdout()).contains("2 installations");
        assertThat(results.get("restore --source").stderr()).contains(fingerprint).contains("--fingerprint");
        assertThat(results.get("restore --source --fingerprint").stdout()).contains(fingerprint);
    }

    @Test
    void commandsWorkWhileTheServiceRunsOnTheEmbeddedStore() throws Exception {
        Installation installation = installation("d", TEST_MNEMONIC);
        try (CliProcess service = CliProcess.start(installation.environment, "run", "--config", config.toString())) {
            assertThat(service.awaitStderrLine(line -> line.contains("(wallet-backup) started"), Duration.ofMinutes(2)))
                    .as("the service started; its output:%n%s", service.stderr()).isTrue();
            Map<String, Result> results = follow("8.4", installation.backups, installation.cli, Map.of());
            assertThat(results.get("backup list").stdout()).contains("full");
            assertThat(results.get("wallets list").stdout()).contains("agent-");
            assertThat(service.isAlive()).as("the service is still up").isTrue();
        }
    }

    /** A seeded installation with wallets, a full and an incremental backup; {@code backups} is its directory. */
    Installation installation(String name, String mnemonic) throws IOException {
        if (config == null) {
            config = TestStores.fastConfigFile(temp, Map.of());
        }
        Map<String, String> environment = Map.of("WALLET_DATA_DIR", temp.resolve(name).toString(),
                "WALLET_BACKUP_PASSWORD", PASSWORD);
        CliRunner cli = new CliRunner(environment);
        expectZero(cli.runWithInput(mnemonic, "seed", "import", "--config", config.toString()));
        expectZero(cli.run("wallets", "create", "--count", "5", "--prefix", "agent-", "--config", config.toString()));
        expectZero(cli.run("backup", "full", "--config", config.toString()));
        expectZero(cli.run("wallets", "create", "--count", "2", "--prefix", "agent-", "--config", config.toString()));
        expectZero(cli.run("backup", "incremental", "--config", config.toString()));
        return new Installation(cli, environment, temp.resolve(name).resolve("backups"));
    }

    /**
     * Runs the subsection's commands in order and returns each result under the command's words without values
     * (for example {@code "restore --source --fingerprint"}).
     */
    Map<String, Result> follow(String subsection, Path source, CliRunner installation, Map<String, String> values)
            throws IOException {
        List<String> commands = commandsOf(subsection);
        assertThat(commands).as("section %s has commands", subsection).isNotEmpty();
        Map<String, Result> results = new LinkedHashMap<>();
        for (String line : commands) {
            Matcher expected = EXPECTED_EXIT.matcher(line);
            int exitCode = expected.find() ? Integer.parseInt(expected.group(1)) : 0;
            String command = line.replaceAll("#.*$", "").strip()
                    .replace(OperatorRunbookTest.DOCUMENTED_SOURCE, source.toString());
            for (Map.Entry<String, String> value : values.entrySet()) {
                command = command.replace(value.getKey(), value.getValue());
            }
            List<String> args = new ArrayList<>(Arrays.asList(command.split("\\s+")));
            args.remove(0);
            args.addAll(List.of("--config", config.toString()));
            CliRunner runner = installation == null || args.get(0).equals("restore") ? fresh() : installation;
            Result result = runner.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as("%s%n%s%s", line, result.stdout(), result.stderr()).isEqualTo(exitCode);
            results.put(String.join(" ", args.stream().filter(arg -> arg.startsWith("--") || !arg.contains("/"))
                    .filter(arg -> !values.containsValue(arg) && !arg.equals("--config") && !arg.equals("--dry-run"))
                    .toList()), result);
        }
        return results;
    }

    CliRunner fresh() {
        Map<String, String> environment = new HashMap<>();
        environment.put("WALLET_DATA_DIR", temp.resolve("fresh-" + freshDirectories++).toString());
        environment.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(environment);
    }

    /** The {@code bin/wallet-backup} lines of one {@code ### N.M} subsection's code blocks. */
    static List<String> commandsOf(String subsection) throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inSubsection = false;
        boolean inCode = false;
        for (String raw : Files.readAllLines(OperatorRunbookTest.GUIDE)) {
            String line = raw.strip();
            if (line.startsWith("#") && !inCode) {
                inSubsection = line.startsWith("### " + subsection + " ");
            } else if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (inSubsection && inCode && line.startsWith("bin/wallet-backup ")) {
                commands.add(line);
            }
        }
        return commands;
    }

    static void expectZero(Result result) {
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    }

    record Installation(CliRunner cli, Map<String, String> environment, Path backups) {
    }
}
