package dev.walletbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.backup.format.KeySlot;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way a restore can be refused, each on a store that already holds another installation's wallets: the
 * command exits with the documented code, names the file and step, and the store is exactly as it was.
 */
class RestoreFailureTest {
    static final String PASSWORD = RunningApplication.PASSWORD;
    static final int CHUNK = 4096 + 16;
    static Path sources;
    static Path config;
    static List<JsonNode> chain;

    @TempDir
    Path temp;

    /** One installation's chain (full, incremental, incremental) and another installation's incremental. */
    @BeforeAll
    static void backupsOfTwoInstallations(@TempDir Path shared) throws IOException {
        sources = shared;
        config = TestStores.fastConfigFile(shared, Map.of());
        CliRunner ours = runner(Map.of("WALLET_DATA_DIR", shared.resolve("ours").toString()), PASSWORD);
        ok(ours.runWithInput(RunningApplication.HARDHAT, args("seed", "import")));
        ok(ours.run(args("wallets", "create", "--count", "300")));
        chain = new ArrayList<>();
        chain.add(ok(ours.run(args("backup", "full", "--json"))).json());
        ok(ours.run(args("wallets", "create", "--agent", "second")));
        chain.add(ok(ours.run(args("backup", "incremental", "--json"))).json());
        ok(ours.run(args("wallets", "create", "--agent", "third")));
        chain.add(ok(ours.run(args("backup", "incremental", "--json"))).json());

        CliRunner foreign = runner(Map.of("WALLET_DATA_DIR", shared.resolve("foreign").toString()), PASSWORD);
        ok(foreign.run(args("seed", "init", "--words", "12")));
        ok(foreign.run(args("wallets", "create", "--count", "2")));
        ok(foreign.run(args("backup", "full")));
        ok(foreign.run(args("wallets", "create", "--agent", "stranger")));
        ok(foreign.run(args("backup", "incremental")));
    }

    enum Failure { WRONG_PASSWORD, CORRUPTED_CHECKSUM, TRUNCATED_FILE, MIDDLE_CHUNK_FLIPPED_WITH_MANIFEST_EDITED,
        MISSING_INCREMENTAL, FOREIGN_INCREMENTAL_SPLICED, NON_EMPTY_STORE_WITHOUT_FORCE }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyRefusalLeavesTheStoreAsItWas(Kind kind) throws IOException {
        Map<String, String> store = TestStores.environment(kind, temp.resolve("target"));
        CliRunner target = runner(store, PASSWORD);
        ok(target.run(args("seed", "init", "--words", "12")));
        ok(target.run(args("wallets", "create", "--count", "4", "--prefix", "resident-")));
        ok(target.run(args("balances", "record", "--agent", "resident-1", "--chain", "evm", "--token", "ETH", "--amount", "9")));
        String before = state(target);
        for (Failure failure : Failure.values()) {
            Path source = prepare(failure);
            CliRunner runner = failure == Failure.WRONG_PASSWORD ? runner(store, "Not-The-Password-9!") : target;
            List<String> restore = new ArrayList<>(List.of("restore", "--source", source.toString()));
            if (failure != Failure.NON_EMPTY_STORE_WITHOUT_FORCE) {
                restore.add("--force");
            }
            Result result = runner.run(args(restore.toArray(String[]::new)));
            assertThat(result.exitCode()).as(failure + ": " + result.stderr()).isEqualTo(expectedExit(failure));
            assertThat(result.stderr()).as(failure.toString()).contains(expectedMessage(failure, source));
            assertThat(state(target)).as("store after " + failure).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCrashBetweenTheFullAndTheIncrementalRollsEverythingBack(Kind kind) throws Exception {
        WalletConfig config = TestStores.config(kind, temp.resolve("target")).with(Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
        Path source = copyOfChain();
        String before;
        try (RunningApplication app = RunningApplication.startOn(config, Clock.systemUTC()).withHardhatSeed(3)) {
            before = WalletJson.mapper().writeValueAsString(app.services().store().read(StoreRestorer::counts))
                    + StoreRestorer.isEmpty(app.services().store());
        }
        try (RunningApplication app = RunningApplication.startObservingRestores(config, Clock.systemUTC(), backup -> {
            if (backup.type() == dev.walletbackup.backup.format.BackupType.FULL) {
                throw new IllegalStateException("injected crash after applying the full backup");
            }
        })) {
            assertThatThrownBy(() -> app.context().createProducerTemplate().requestBody("direct:restore",
                    new RestoreRequest(source.toString(), null, null, false, true)))
                    .rootCause().hasMessageContaining("injected crash");
            String after = WalletJson.mapper().writeValueAsString(app.services().store().read(StoreRestorer::counts))
                    + StoreRestorer.isEmpty(app.services().store());
            assertThat(after).isEqualTo(before);
            assertThat(app.services().wallets().require("agent-0").derivationIndex()).isZero();
        }
    }

    /**
     * A genuine backup (every chunk and digest authentic) of a store in which the last wallet's EVM address was
     * overwritten: only re-deriving it finds that, in the pass that writes the rows, after the other wallets went in.
     * The dry run refuses it too, and the forced restore leaves the store as it was.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void anAddressTheSeedDoesNotDeriveInALateWalletRollsEverythingBack(Kind kind) throws Exception {
        Path forged = temp.resolve("forged");
        CliRunner source = runner(Map.of("WALLET_DATA_DIR", forged.toString()), PASSWORD);
        ok(source.runWithInput(RunningApplication.HARDHAT, args("seed", "import")));
        ok(source.run(args("wallets", "create", "--count", "300")));
        try (WalletStore store = WalletStore.open(TestStores.config(Kind.H2, forged))) {
            store.write(connection -> {
                try (PreparedStatement overwrite = connection.prepareStatement("UPDATE wallet.agent_wallets SET "
                        + "evm_address = (SELECT evm_address FROM wallet.agent_wallets WHERE derivation_index = 0) "
                        + "WHERE derivation_index = 299")) {
                    return overwrite.executeUpdate();
                }
            });
        }
        String file = ok(source.run(args("backup", "full", "--json"))).json().get("fileName").asText();
        Path backups = forged.resolve("backups");

        CliRunner target = runner(TestStores.environment(kind, temp.resolve("target")), PASSWORD);
        ok(target.run(args("seed", "init", "--words", "12")));
        ok(target.run(args("wallets", "create", "--count", "4", "--prefix", "resident-")));
        String before = state(target);
        for (String mode : List.of("--dry-run", "--force")) {
            Result result = target.run(args("restore", "--source", backups.toString(), mode));
            assertThat(result.exitCode()).as(mode + ": " + result.stderr()).isEqualTo(3);
            assertThat(result.stderr()).as(mode).contains(backups.resolve(file).toString())
                    .contains("agent agent-299 at index 299 has addresses that the seed does not derive");
            assertThat(state(target)).as("store after " + mode).isEqualTo(before);
        }
        Result forced = target.run(args("restore", "--source", backups.toString(), "--force"));
        JsonNode listed = ok(target.run(args("backup", "list", "--json"))).json();
        String safety = listed.get(listed.size() - 1).get("id").asText();
        assertThat(forced.stderr()).as("the failed forced restore names the safety backup it took, once")
                .containsOnlyOnce("safety backup ").contains("; the safety backup " + safety + " taken first holds the store's state from before this restore");
    }

    Path prepare(Failure failure) throws IOException {
        Path source = copyOfChain();
        Path full = source.resolve(chain.get(0).get("fileName").asText());
        Path middle = source.resolve(chain.get(1).get("fileName").asText());
        switch (failure) {
            case CORRUPTED_CHECKSUM -> flip(full, chunkStart(Files.readAllBytes(full)) + 10);
            case TRUNCATED_FILE -> {
                byte[] bytes = Files.readAllBytes(full);
                Files.write(full, Arrays.copyOf(bytes, bytes.length - 100));
            }
            case MIDDLE_CHUNK_FLIPPED_WITH_MANIFEST_EDITED -> {
                flip(full, chunkStart(Files.readAllBytes(full)) + 2 * CHUNK + 7);
                editManifest(full, manifest -> {
                    manifest.put("sha256", sha256(full));
                    return manifest;
                });
            }
            case MISSING_INCREMENTAL -> {
                Files.delete(middle);
                Files.delete(manifestOf(middle));
            }
            case FOREIGN_INCREMENTAL_SPLICED -> {
                Path foreign;
                try (Stream<Path> files = Files.list(sources.resolve("foreign").resolve("backups"))) {
                    foreign = files.filter(path -> path.toString().endsWith("incremental-" + path.toString()
                            .replaceAll(".*incremental-", "").replace(".wbk", "") + ".wbk")).findFirst().orElseThrow();
                }
                Path spliced = source.resolve(foreign.getFileName());
                Files.copy(foreign, spliced);
                Files.copy(manifestOf(foreign), manifestOf(spliced));
                JsonNode last = chain.get(2);
                JsonNode ours = WalletJson.mapper().readTree(manifestOf(source.resolve(last.get("fileName")
                        .asText())).toFile());
                String ourFingerprint = ours.get("seedFingerprint").asText();
                editManifest(spliced, manifest -> {
                    manifest.put("parentId", last.get("id").asText());
                    manifest.put("baseId", last.get("baseId").asText());
                    manifest.put("sinceHighWaterMark", last.get("highWaterMark").asLong());
                    manifest.put("highWaterMark", last.get("highWaterMark").asLong() + 1000);
                    manifest.put("seedFingerprint", ourFingerprint);
                    manifest.set("timeline", ours.get("timeline"));
                    return manifest;
                });
            }
            default -> {
            }
        }
        return source;
    }

    static int expectedExit(Failure failure) {
        return switch (failure) {
            case WRONG_PASSWORD -> 4;
            case NON_EMPTY_STORE_WITHOUT_FORCE -> 1;
            default -> 3;
        };
    }

    String expectedMessage(Failure failure, Path source) {
        return switch (failure) {
            case WRONG_PASSWORD -> "wrong password";
            case NON_EMPTY_STORE_WITHOUT_FORCE -> "--force";
            case MISSING_INCREMENTAL -> "Restore to --backup " + chain.get(0).get("id").asText();
            case FOREIGN_INCREMENTAL_SPLICED -> "differs from the manifest";
            default -> source.resolve(chain.get(0).get("fileName").asText()).toString();
        };
    }

    Path copyOfChain() throws IOException {
        Path copy = Files.createTempDirectory(temp, "source-");
        try (Stream<Path> files = Files.list(sources.resolve("ours").resolve("backups"))) {
            for (Path file : files.filter(path -> !path.getFileName().toString().startsWith(".")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    static String state(CliRunner cli) {
        return ok(cli.run(args("seed", "fingerprint", "--json"))).stdout() + ok(cli.run(args("wallets", "list", "--json"))).stdout()
                + ok(cli.run(args("balances", "list", "--json"))).stdout();
    }

    static void flip(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x01;
        Files.write(file, bytes);
    }

    static void editManifest(Path backup, java.util.function.UnaryOperator<ObjectNode> edit) throws IOException {
        Path manifest = manifestOf(backup);
        ObjectNode node = (ObjectNode) WalletJson.mapper().readTree(manifest.toFile());
        Files.write(manifest, WalletJson.mapper().writeValueAsBytes(edit.apply(node)));
    }

    static String sha256(Path file) {
        try {
            return FileDigests.sha256(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path manifestOf(Path backup) {
        return backup.resolveSibling(backup.getFileName().toString().replace(".wbk", ".manifest.json"));
    }

    static int chunkStart(byte[] file) {
        return 8 + 2 + 4 + ByteBuffer.wrap(file, 10, 4).getInt() + KeySlot.BYTES + 32;
    }

    static CliRunner runner(Map<String, String> store, String password) {
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_BACKUP_PASSWORD", password);
        return new CliRunner(env);
    }

    static String[] args(String... args) {
        String[] out = Arrays.copyOf(args, args.length + 2);
        out[args.length] = "--config";
        out[args.length + 1] = config.toString();
        return out;
    }

    static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }
}
