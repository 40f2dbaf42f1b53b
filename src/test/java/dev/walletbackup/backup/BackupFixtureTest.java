package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.verify.BackupVerifier;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.testing.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Backups written by format versions 1, 2, 3 and 4 and committed under src/test/resources/fixtures/backup-vN (each a
 * full and an incremental with a tombstone; versions 3 and 4 continue the state of the version before, restored, with
 * one more wallet): every later version of wallet-backup must still read and restore them, with the same digests. They hold the public Hardhat development mnemonic's seed under a test
 * password, and cheap Argon2id parameters: never real value.
 */
class BackupFixtureTest {
    static final String PASSWORD = "Fixture-Backup-Pass-1!";
    static final String FULL = "0ccaecce09d5faee";
    static final String INCREMENTAL = "209fafd07e91e617";

    static final String V2_INCREMENTAL = "489e3089628a4d9e";
    static final Map<Integer, String> LATER_INCREMENTALS = Map.of(2, V2_INCREMENTAL, 3, "6aa66786103f2416",
            4, "c69558d4812fa31c");
    static final Map<Integer, String> LATER_STATE_DIGESTS = Map.of(
            2, "fcf53e508069640f55a7fa652a5858a4353e05a62df5a4c06e78edea63e4a59d",
            3, "596313e57ff0083b59e937033129b13767dc851285c00ad3a793e22df0ad4c95",
            4, "8486576984a00290c05bd7d03ff55cfb217f062518b16c489f4343046d159a1c");
    static final List<String> FIRST_AGENTS = List.of("agent-0", "agent-1", "agent-2", "fixture-agent", "late-agent");

    static Path fixtures() throws Exception {
        return fixtures(1);
    }

    static Path fixtures(int version) throws Exception {
        return Path.of(BackupFixtureTest.class.getResource("/fixtures/backup-v" + version).toURI());
    }

    static Stream<Arguments> versionsAndStores() {
        return Stream.of(1, 2, 3, 4).flatMap(version -> Stream.of(Kind.values()).map(kind -> Arguments.of(version, kind)));
    }

    /** The agents of a fixture's newest state: each version's fixture adds one to the state of the one before. */
    static List<String> agentsOf(int version) {
        List<String> agents = new ArrayList<>(FIRST_AGENTS);
        for (int added = 3; added <= version; added++) {
            agents.add("v" + added + "-agent");
        }
        return agents;
    }

    @ParameterizedTest
    @MethodSource("versionsAndStores")
    void olderVersionsRestoreOnEitherStoreWhichThenKeepsTheDigestOfWhatItHolds(int version, Kind kind,
                                                                             @TempDir Path temp) throws Exception {
        Map<String, String> environment = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
        environment.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        CliRunner cli = new CliRunner(environment).withConfig(TestStores.fastConfigFile(temp, Map.of()));

        Result restore = cli.ok("restore", "--source", fixtures(version).toString());

        assertThat(restore.stdout()).contains("matches the backup");
        JsonNode wallets = cli.ok("wallets", "list", "--json").json();
        assertThat(wallets).extracting(wallet -> wallet.get("agentId").asText())
                .containsExactlyElementsOf(agentsOf(version));
        try (WalletStore store = WalletStore.open(WalletConfig.load(TestStores.SHIPPED_CONFIG, environment,
                TestStores.FAST))) {
            assertThat(store.<LtHash>read(connection -> StateDigestLedger.read(connection).ltHash()))
                    .isEqualTo(store.read(StateDigestLedger::recompute));
        }
        JsonNode full = cli.ok("backup", "full", "--json").json();
        assertThat(full.get("type").asText()).isEqualTo("full");
        assertThat(full.has("note")).as("a store restored from an older version keeps a right digest: %s", full).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void laterVersionsVerifyDeeplyWithTheirRecordedDigests(int version) throws Exception {
        Result result = new CliRunner(Map.of("WALLET_BACKUP_PASSWORD", PASSWORD))
                .run("backup", "verify", "--all", "--deep", "--source", fixtures(version).toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).doesNotContain("FAILED");
        BackupDirectory directory = BackupDirectory.scan(fixtures(version));
        assertThat(directory.manifests()).hasSize(2).allMatch(manifest -> manifest.formatVersion() == version)
                .allMatch(manifest -> result.stdout().contains(manifest.id()));
        assertThat(directory.find(LATER_INCREMENTALS.get(version)).orElseThrow().stateDigest())
                .isEqualTo(LATER_STATE_DIGESTS.get(version));
    }

    @Test
    void versionOneBackupsStillVerifyDeeplyWithTheirRecordedDigests() throws Exception {
        BackupDirectory directory = BackupDirectory.scan(fixtures());
        assertThat(directory.manifests()).extracting(BackupManifest::id).containsExactly(FULL, INCREMENTAL);
        assertThat(directory.find(FULL).orElseThrow().stateDigest())
                .isEqualTo("9130418126f1bd430c4a4dbace2a6ca032890a52deeae0ef108a07b2a6ef18df");
        assertThat(directory.find(INCREMENTAL).orElseThrow().stateDigest())
                .isEqualTo("d0dc52e13377d52f517699463e761b74216f81e8c07b6cd0aefe888bb31caa96");
        List<BackupVerifier.Result> results = new BackupVerifier().verify(directory, directory.manifests(),
                () -> Password.adopt(PASSWORD.toCharArray()));
        assertThat(results).hasSize(2).allMatch(BackupVerifier.Result::ok).allMatch(BackupVerifier.Result::deep);
    }

    @Test
    void versionOneContentIsReadBackRecordForRecord() throws Exception {
        Path directory = fixtures();
        BackupCommandLineTest.Contents full = BackupCommandLineTest.read(directory.resolve(
                BackupDirectory.scan(directory).find(FULL).orElseThrow().fileName()), PASSWORD);
        assertThat(full.wallets()).containsExactly("agent-0", "agent-1", "agent-2", "fixture-agent");
        assertThat(full.balances()).containsExactly("agent-0/evm/ETH", "agent-0/xrp/XRP",
                "agent-1/evm/0xdAC17F958D2ee523a2206206994597C13D831ec7");
        BackupCommandLineTest.Contents incremental = BackupCommandLineTest.read(directory.resolve(
                BackupDirectory.scan(directory).find(INCREMENTAL).orElseThrow().fileName()), PASSWORD);
        assertThat(incremental.wallets()).containsExactly("late-agent");
        assertThat(incremental.lifecycles()).containsExactly("agent-1", "late-agent");
        assertThat(incremental.tombstones()).containsExactly("{\"agentId\":\"agent-0\",\"chain\":\"xrp\",\"token\":\"XRP\"}");
    }

    @Test
    void theCommandLineVerifiesTheFixturesOnAMachineWithNothingElse() throws Exception {
        Result result = new CliRunner(Map.of("WALLET_BACKUP_PASSWORD", PASSWORD))
                .run("backup", "verify", "--all", "--deep", "--source", fixtures().toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains(FULL).contains(INCREMENTAL).doesNotContain("FAILED");
    }

    @Test
    void aPointInTimeRestoreOfAVersionOneBackupReservesTheIndicesOfTheLaterOnes(@TempDir Path temp) throws Exception {
        CliRunner cli = new CliRunner(Map.of("WALLET_BACKUP_PASSWORD", PASSWORD,
                "WALLET_DATA_DIR", temp.resolve("data").toString()))
                .withConfig(TestStores.fastConfigFile(temp, Map.of()));
        JsonNode report = cli.ok("restore", "--source", fixtures().toString(), "--backup", FULL, "--dry-run", "--json")
                .json();
        assertThat(report.get("reservedIndices").get("highestRestoredIndex").asLong()).isEqualTo(3);
        assertThat(report.get("reservedIndices").get("highestReservedInBackups").asLong())
                .as("late-agent, index 4, is only in the later version-1 incremental, whose header carries no "
                        + "reservation: it is read from its authenticated payload").isEqualTo(4);
        assertThat(report.get("reservedIndices").get("reservedThrough").asLong()).isEqualTo(24);
    }
}
