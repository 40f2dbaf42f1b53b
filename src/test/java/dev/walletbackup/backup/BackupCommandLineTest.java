package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.backup.format.WalletBackupDocumentReader;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.wallet.AgentWallet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Backups through the real command line and Camel routes, on H2 and on PostgreSQL. */
class BackupCommandLineTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Backup-Test-Pass-1!";

    @TempDir
    Path temp;

    Map<String, String> environment;

    /** The command line on a fresh store of {@code kind}; later calls reuse the same store. */
    CliRunner cli(Kind kind) {
        return cli(kind, PASSWORD);
    }

    CliRunner cli(Kind kind, String password) {
        if (environment == null) {
            environment = TestStores.environment(kind, temp.resolve("data"));
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("WALLET_BACKUP_PASSWORD", password);
        return new CliRunner(env);
    }

    String[] withConfig(String... args) throws IOException {
        Path config = temp.resolve("fast-test.properties");
        if (!Files.exists(config)) {
            TestStores.fastConfigFile(temp, Map.of());
        }
        String[] out = new String[args.length + 2];
        System.arraycopy(args, 0, out, 0, args.length);
        out[args.length] = "--config";
        out[args.length + 1] = config.toString();
        return out;
    }

    Result ok(CliRunner cli, String... args) throws IOException {
        Result result = cli.run(withConfig(args));
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    void seedAndWallets(CliRunner cli, int wallets) throws IOException {
        assertThat(cli.runWithInput(HARDHAT, withConfig("seed", "import")).exitCode()).isZero();
        ok(cli, "wallets", "create", "--count", String.valueOf(wallets));
    }

    Path backupDir() {
        return temp.resolve("data").resolve("backups");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void fullThenIncrementalGiveTwoPrivateFilesThatVerifyWithAndWithoutThePassword(Kind kind) throws IOException {
        CliRunner cli = cli(kind);
        seedAndWallets(cli, 40);
        JsonNode full = ok(cli, "backup", "full", "--json").json();
        assertThat(full.get("type").asText()).isEqualTo("full");
        assertThat(full.get("parentId").isNull()).isTrue();
        assertThat(full.get("counts").get("wallets").asInt()).isEqualTo(40);
        assertThat(full.get("destinations").get(0).get("status").asText()).isEqualTo("stored");

        ok(cli, "wallets", "set-state", "--agent", "agent-3", "--state", "active");
        JsonNode incremental = ok(cli, "backup", "incremental", "--json").json();
        assertThat(incremental.get("type").asText()).isEqualTo("incremental");
        assertThat(incremental.get("parentId").asText()).isEqualTo(full.get("id").asText());
        assertThat(incremental.get("baseId").asText()).isEqualTo(full.get("id").asText());
        assertThat(incremental.get("durationMs").asLong()).isPositive();

        List<Path> files;
        try (Stream<Path> listing = Files.list(backupDir())) {
            files = listing.filter(path -> !path.getFileName().toString().startsWith(".")).sorted().toList();
        }
        assertThat(files).hasSize(4);
        assertThat(files).filteredOn(path -> path.toString().endsWith(".wbk")).hasSize(2);
        assertThat(files).filteredOn(path -> path.toString().endsWith(".manifest.json")).hasSize(2);
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backupDir()))).isEqualTo("rwx------");

        JsonNode shallow = ok(cli, "backup", "verify", "--all", "--json").json();
        assertThat(shallow.get("ok").asBoolean()).isTrue();
        assertThat(shallow.get("backups")).hasSize(2);
        JsonNode deep = ok(cli, "backup", "verify", "--all", "--deep", "--json").json();
        assertThat(deep.get("ok").asBoolean()).isTrue();
        assertThat(deep.get("backups").get(1).get("deep").asBoolean()).isTrue();

        JsonNode listed = ok(cli, "backup", "list", "--json").json();
        assertThat(listed).extracting(node -> node.get("id").asText())
                .containsExactly(full.get("id").asText(), incremental.get("id").asText());
        JsonNode fromDirectory = new CliRunner(Map.of()).run("backup", "list", "--json", "--source", backupDir().toString()).json();
        assertThat(fromDirectory.get("backups")).extracting(node -> node.get("id").asText())
                .containsExactly(full.get("id").asText(), incremental.get("id").asText());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void incrementalHoldsExactlyWhatChangedAndItsWindowSurvivesARestart(Kind kind) throws IOException {
        CliRunner cli = cli(kind);
        seedAndWallets(cli, 10);
        ok(cli, "balances", "record", "--agent", "agent-2", "--chain", "xrp", "--token", "XRP", "--amount", "10");
        ok(cli, "backup", "full");

        ok(cli, "wallets", "create", "--agent", "late-1");
        ok(cli, "wallets", "create", "--agent", "late-2");
        ok(cli, "wallets", "set-state", "--agent", "agent-5", "--state", "active");
        ok(cli, "balances", "remove", "--agent", "agent-2", "--chain", "xrp", "--token", "XRP");
        JsonNode first = ok(cli, "backup", "incremental", "--json").json();
        assertThat(first.get("counts").get("wallets").asInt()).isEqualTo(2);
        assertThat(first.get("counts").get("lifecycleRecords").asInt()).isEqualTo(3);
        assertThat(first.get("counts").get("tombstones").asInt()).isEqualTo(1);
        Contents contents = read(backupDir().resolve(first.get("fileName").asText()));
        assertThat(contents.wallets).containsExactly("late-1", "late-2");
        assertThat(contents.lifecycles).containsExactly("agent-5", "late-1", "late-2");
        assertThat(contents.tombstones).containsExactly("{\"agentId\":\"agent-2\",\"chain\":\"xrp\",\"token\":\"XRP\"}");

        // every command is a new application: the next incremental must start where the last one ended
        ok(cli, "balances", "record", "--agent", "late-1", "--chain", "evm", "--token", "ETH", "--amount", "7");
        JsonNode second = ok(cli, "backup", "incremental", "--json").json();
        assertThat(second.get("parentId").asText()).isEqualTo(first.get("id").asText());
        Contents secondContents = read(backupDir().resolve(second.get("fileName").asText()));
        assertThat(secondContents.wallets).isEmpty();
        assertThat(secondContents.lifecycles).isEmpty();
        assertThat(secondContents.balances).containsExactly("late-1/evm/ETH");
        assertThat(ok(cli, "backup", "verify", "--deep").stdout()).contains("ok");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void incrementalWithoutAFullMakesAFullAndSaysSo(Kind kind) throws IOException {
        CliRunner cli = cli(kind);
        seedAndWallets(cli, 3);
        JsonNode report = ok(cli, "backup", "incremental", "--json").json();
        assertThat(report.get("type").asText()).isEqualTo("full");
        assertThat(report.get("requestedType").asText()).isEqualTo("incremental");
        assertThat(report.get("note").asText()).contains("no full backup exists yet");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBackupPasswordThatCannotOpenTheSeedIsRefusedBeforeAnythingIsWritten(Kind kind) throws IOException {
        seedAndWallets(cli(kind), 2);
        Result refused = cli(kind, "Another-Strong-Pass-2!").run(withConfig("backup", "full"));
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.stderr()).contains("does not open the master seed envelope");
        try (Stream<Path> files = Files.list(backupDir())) {
            assertThat(files.filter(path -> !path.getFileName().toString().equals(".wallet-backup.lock"))).isEmpty();
        }
    }

    /** What one backup file holds, by record identity. */
    /**
     * A full copies each table as the store streams it (PostgreSQL's COPY text, or H2's rows written as the same
     * text): every character a value can hold comes back as it was, and the LtHash the full computes from its rows
     * is the store's own (a difference would be reported as a correction).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFullHoldsEveryValueAsStoredWhateverItsCharacters(Kind kind) throws IOException {
        CliRunner cli = cli(kind);
        seedAndWallets(cli, 2);
        String metadata = "{\"note\":\"tab\\there, back\\\\slash, line\\nbreak\",\"raw\":\"|\\\\N|é|😀\"}";
        String reason = "line one\nline two\twith a tab and a \\ backslash \\N";
        ok(cli, "wallets", "create", "--agent", "odd-agent", "--metadata", metadata);
        ok(cli, "wallets", "set-state", "--agent", "odd-agent", "--state", "active");
        ok(cli, "wallets", "set-state", "--agent", "odd-agent", "--state", "suspended", "--reason", reason);
        ok(cli, "balances", "record", "--agent", "odd-agent", "--chain", "evm", "--token", "ETH", "--amount",
                "9".repeat(78), "--decimals", "18");

        JsonNode full = ok(cli, "backup", "full", "--json").json();

        assertThat(full.has("note")).as("the full's LtHash is the store's: %s", full).isFalse();
        List<Object> records = new ArrayList<>();
        try (BackupFileReader reader = BackupFileReader.open(Path.of(full.get("destinations").get(0).get("location").asText()));
             InputStream payload = reader.unlock(Password.adopt(PASSWORD.toCharArray()))) {
            WalletBackupDocumentReader.read(payload, reader.header(), new BackupContentHandler() {
                @Override
                public void wallet(AgentWallet wallet) {
                    records.add(wallet);
                }

                @Override
                public void lifecycle(WalletLifecycleRecord record) {
                    records.add(record);
                }

                @Override
                public void balance(AgentBalance balance) {
                    records.add(balance);
                }
            });
        }
        assertThat(records).filteredOn(AgentWallet.class::isInstance).extracting(r -> ((AgentWallet) r).metadata())
                .contains(WalletJson.mapper().readTree(metadata).toString());
        assertThat(records).filteredOn(WalletLifecycleRecord.class::isInstance)
                .extracting(r -> ((WalletLifecycleRecord) r).suspensionReason()).contains(reason);
        assertThat(records).filteredOn(AgentBalance.class::isInstance)
                .extracting(r -> ((AgentBalance) r).balance().toString()).contains("9".repeat(78));
        assertThat(records).hasSize(3 + 3 + 1);
    }

    record Contents(List<String> wallets, List<String> lifecycles, List<String> balances, List<String> tombstones) {
    }

    static Contents read(Path file) throws IOException {
        return read(file, PASSWORD);
    }

    static Contents read(Path file, String password) throws IOException {
        Contents contents = new Contents(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (BackupFileReader reader = BackupFileReader.open(file);
             InputStream payload = reader.unlock(Password.adopt(password.toCharArray()))) {
            WalletBackupDocumentReader.read(payload, reader.header(), new BackupContentHandler() {
                @Override
                public void wallet(AgentWallet wallet) {
                    contents.wallets().add(wallet.agentId());
                }

                @Override
                public void lifecycle(WalletLifecycleRecord record) {
                    contents.lifecycles().add(record.agentId());
                }

                @Override
                public void balance(AgentBalance balance) {
                    contents.balances().add(balance.agentId() + "/" + balance.chain().wireName() + "/" + balance.token());
                }

                @Override
                public void tombstone(Tombstone tombstone) {
                    contents.tombstones().add(tombstone.key());
                }
            });
        }
        contents.lifecycles().sort(String::compareTo);
        return contents;
    }

    static ObjectNode manifestOf(Path backupFile) throws IOException {
        Path manifest = backupFile.resolveSibling(backupFile.getFileName().toString().replace(".wbk", ".manifest.json"));
        return (ObjectNode) WalletJson.mapper().readTree(manifest.toFile());
    }
}
