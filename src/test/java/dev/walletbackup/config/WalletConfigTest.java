package dev.walletbackup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletConfigTest {
    private static final Path SHIPPED = Path.of(System.getProperty("wallet.home", "."), "config", "application.properties");

    @TempDir
    Path temp;

    @Test
    void shippedDefaultsGiveEmbeddedH2UnderTheDataDirectory() {
        WalletConfig config = WalletConfig.load(SHIPPED, Map.of(), Map.of(WalletConfig.DATA_DIR, temp.toString()));
        assertThat(config.isEmbeddedDatabase()).isTrue();
        assertThat(config.dbUrl()).startsWith("jdbc:h2:file:" + temp.toAbsolutePath().resolve("wallet"));
        assertThat(config.backupPath()).isEqualTo(temp.resolve("backups"));
        assertThat(config.seedWords()).isEqualTo(24);
        assertThat(config.discoveryGapLimit()).isEqualTo(20);
    }

    @Test
    void environmentOverridesTheFileAndCommandLineOverridesTheEnvironment() {
        Map<String, String> env = Map.of("WALLET_DATA_DIR", "/from/env", "WALLET_BACKUP_PATH", "/backups/env",
                "WALLET_DB_URL", "jdbc:postgresql://db:5432/wallets");
        WalletConfig fromEnv = WalletConfig.load(SHIPPED, env, Map.of());
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/from/env"));
        assertThat(fromEnv.backupPath()).isEqualTo(Path.of("/backups/env"));
        assertThat(fromEnv.isEmbeddedDatabase()).isFalse();
        WalletConfig fromFlag = WalletConfig.load(SHIPPED, env, Map.of(WalletConfig.DATA_DIR, "/from/flag"));
        assertThat(fromFlag.dataDir()).isEqualTo(Path.of("/from/flag"));
    }

    @Test
    void everySettingCanBeGivenByItsWalletVariableAndTheTableNameWins() {
        assertThat(WalletConfig.SETTINGS).extracting(WalletConfig::environmentVariable).doesNotHaveDuplicates()
                .contains("WALLET_DATA_DIR", "WALLET_DB_URL", "WALLET_BACKUP_PATH", "WALLET_MANAGEMENT_PORT");
        WalletConfig config = WalletConfig.load(SHIPPED, Map.of("WALLET_MANAGEMENT_HOST", "0.0.0.0",
                "WALLET_BACKUP_FULL_SCHEDULE", "0 3 * * 0", "WALLET_DB_POOL_SIZE", "7", "WALLET_S3_BUCKET", "generic",
                "S3_BUCKET", "named"), Map.of());
        assertThat(config.managementHost()).isEqualTo("0.0.0.0");
        assertThat(config.fullSchedule().quartzExpression()).startsWith("0 0 3 ");
        assertThat(config.dbPoolSize()).isEqualTo(7);
        assertThat(config.s3().bucket()).isEqualTo("named");
        assertThatThrownBy(() -> WalletConfig.load(SHIPPED, Map.of("WALLET_RETENTION_KEEP_LAST", "some"), Map.of()))
                .hasMessageContaining("wallet.retention.keep-last");
    }

    @Test
    void invalidValuesFailNamingTheKey() throws IOException {
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.seed.words = 18"), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("wallet.seed.words");
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.wallets.batch-size = lots"), Map.of(), Map.of()))
                .hasMessageContaining("wallet.wallets.batch-size").hasMessageContaining("whole number");
        assertThatThrownBy(() -> WalletConfig.load(SHIPPED, Map.of("WALLET_DB_URL", "jdbc:mysql://x/y"), Map.of()))
                .hasMessageContaining("wallet.db.url");
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.backup.pth = /tmp"), Map.of(), Map.of()))
                .hasMessageContaining("wallet.backup.pth").hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.discovery.gap-limit = 0"), Map.of(), Map.of()))
                .hasMessageContaining("wallet.discovery.gap-limit").hasMessageContaining("between 1 and");
    }

    @Test
    void weakArgon2idIsRefusedUnlessTheTestOnlySettingAllowsIt() throws IOException {
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.kdf.memory-kib = 8192"), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("wallet.kdf")
                .hasMessageContaining("guessing the backup password cheap");
        WalletConfig allowed = WalletConfig.load(write("wallet.kdf.memory-kib = 8192\nwallet.kdf.iterations = 1\n"
                + "wallet.kdf.insecure-for-tests-only = true"), Map.of(), Map.of());
        assertThat(allowed.kdf().memoryKiB()).isEqualTo(8192);
    }

    @Test
    void sealingWithMoreMemoryThanTheReaderCapIsRefused() throws IOException {
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.kdf.max-memory-kib = 32768"), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("wallet.kdf.memory-kib")
                .hasMessageContaining("could not be opened");
    }

    @Test
    void secretsStayOutOfCamelPropertiesAndToString() {
        WalletConfig config = WalletConfig.load(SHIPPED, Map.of("WALLET_DB_PASSWORD", "Db-Secret-Value-77!"), Map.of());
        assertThat(config.toCamelProperties().values()).doesNotContain("Db-Secret-Value-77!");
        assertThat(config.toString()).doesNotContain("Db-Secret-Value-77!");
        assertThat(config.dbPassword()).isEqualTo("Db-Secret-Value-77!");
    }

    @Test
    void theMisfireSettingBecomesTheTriggersQuartzInstruction() throws IOException {
        assertThat(WalletConfig.load(SHIPPED, Map.of(), Map.of()).toCamelProperties())
                .containsEntry(WalletConfig.SCHEDULE_QUARTZ_MISFIRE, "1");
        assertThat(WalletConfig.load(write("wallet.backup.schedule.misfire = skip"), Map.of(), Map.of())
                .toCamelProperties()).containsEntry(WalletConfig.SCHEDULE_QUARTZ_MISFIRE, "2");
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.backup.schedule.misfire = later"), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("wallet.backup.schedule.misfire")
                .hasMessageContaining("run-once or skip");
    }

    @Test
    void s3PartSizeIsHeldToWhatS3Accepts() throws IOException {
        assertThat(WalletConfig.load(SHIPPED, Map.of(), Map.of()).toCamelProperties())
                .containsEntry(WalletConfig.S3_PART_SIZE, "5242880");
        assertThat(WalletConfig.load(write("wallet.s3.part-size = 5368709120"), Map.of(), Map.of()).s3PartSize())
                .as("5 GiB, more than an int holds").isEqualTo(5L << 30);
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.s3.part-size = 1048576"), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("wallet.s3.part-size")
                .hasMessageContaining("between 5242880 and 5368709120");
    }

    @Test
    void providerLimitsAreHeldToWhatTheProvidersTake() throws IOException {
        WalletConfig shipped = WalletConfig.load(SHIPPED, Map.of(), Map.of());
        assertThat(shipped.rpcFirstBackOff()).isEqualTo(Duration.ofMillis(200));
        assertThat(shipped.rpcMaxBackOff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shipped.evmMaxBatchCalls()).isEqualTo(100);
        assertThat(shipped.xrplLinesPerPage()).isEqualTo(200);
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.rpc.first-back-off-ms = 5000\nwallet.rpc.max-back-off-ms = 1000"),
                Map.of(), Map.of())).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("wallet.rpc.max-back-off-ms").hasMessageContaining("wallet.rpc.first-back-off-ms");
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.xrpl.lines-per-page = 500"), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("wallet.xrpl.lines-per-page")
                .hasMessageContaining("between 10 and 400");
    }

    @Test
    void aChainEndpointMustBeAnHttpUrlWithAHostAndIsNotRepeatedInTheMessage() {
        for (String url : new String[] {"localhost:5005", "ftp://node.example/key-123", "http:///key-123", "http://exa mple/key-123"}) {
            assertThatThrownBy(() -> WalletConfig.load(SHIPPED, Map.of("EVM_RPC_URL", url), Map.of()))
                    .as(url).isInstanceOf(InvalidConfigException.class).hasMessageContaining("wallet.evm.rpc-url")
                    .hasMessageNotContaining("key-123").hasMessageNotContaining("5005");
        }
        assertThat(WalletConfig.load(SHIPPED, Map.of("XRPL_RPC_URL", "https://s1.ripple.com:51234/"), Map.of())
                .xrplRpcUrl()).hasToString("https://s1.ripple.com:51234/");
    }

    @Test
    void objectLockNeedsAModeAndADayCountTogether() throws IOException {
        assertThat(WalletConfig.load(SHIPPED, Map.of("S3_OBJECT_LOCK_MODE", "COMPLIANCE", "S3_OBJECT_LOCK_DAYS", "30"),
                Map.of()).s3().objectLock()).isEqualTo(new ObjectLockSettings("COMPLIANCE", 30));
        assertThat(WalletConfig.load(SHIPPED, Map.of(), Map.of()).s3().objectLock().enabled()).isFalse();
        for (Map<String, String> wrong : List.of(Map.of("S3_OBJECT_LOCK_MODE", "GOVERNANCE"),
                Map.of("S3_OBJECT_LOCK_DAYS", "30"), Map.of("S3_OBJECT_LOCK_MODE", "governance", "S3_OBJECT_LOCK_DAYS", "1"),
                Map.of("S3_OBJECT_LOCK_MODE", "GOVERNANCE", "S3_OBJECT_LOCK_DAYS", "0"))) {
            assertThatThrownBy(() -> WalletConfig.load(SHIPPED, wrong, Map.of())).as(wrong.toString())
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining("wallet.s3.object-lock-");
        }
    }

    @Test
    void aPlaceholderDerivedFromTheSettingsCannotBeSetItself() throws IOException {
        assertThat(WalletConfig.DERIVED).doesNotContainAnyElementsOf(WalletConfig.SETTINGS);
        assertThatThrownBy(() -> WalletConfig.load(write("wallet.s3.enabled = true"), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("wallet.s3.enabled")
                .hasMessageContaining("unknown setting");
    }

    private Path write(String line) throws IOException {
        Path file = temp.resolve("application.properties");
        Files.writeString(file, line + System.lineSeparator());
        return file;
    }
}
