package dev.walletbackup.backup.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.S3Server;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Off-site copies to a real S3 server speaking HTTP on loopback (S3Proxy), through the real command line. */
class S3DestinationTest {
    static final String PASSWORD = "S3-Test-Password-1!";
    static final String PREFIX = "prod/wallets/";

    @TempDir
    Path temp;
    S3Server server;
    Path config;

    @BeforeEach
    void startServer() throws Exception {
        server = S3Server.start(Files.createDirectories(temp.resolve("s3")));
        config = TestStores.fastConfigFile(temp, Map.of());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    CliRunner cli(String dataDir, Map<String, String> s3) {
        Map<String, String> env = new HashMap<>(s3);
        env.put("WALLET_DATA_DIR", temp.resolve(dataDir).toString());
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env);
    }

    Result run(CliRunner cli, String... args) {
        String[] withConfig = java.util.Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        return cli.run(withConfig);
    }

    Result ok(CliRunner cli, String... args) {
        Result result = run(cli, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    CliRunner seeded(String dataDir, Map<String, String> s3) {
        CliRunner cli = cli(dataDir, s3);
        assertThat(cli.runWithInput("test test test test test test test test test test test junk",
                "seed", "import", "--config", config.toString()).exitCode()).isZero();
        ok(cli, "wallets", "create", "--count", "25");
        return cli;
    }

    List<String> keys() {
        try (S3Client client = server.client(S3Server.IDENTITY, S3Server.CREDENTIAL)) {
            return client.listObjectsV2Paginator(request -> request.bucket(S3Server.BUCKET)).contents().stream()
                    .map(S3Object::key).sorted().toList();
        }
    }

    @Test
    void backupsLandInTheBucketAndAFreshMachineRestoresFromIt() {
        CliRunner cli = seeded("live", server.environment(PREFIX));
        JsonNode full = ok(cli, "backup", "full", "--json").json();
        assertThat(full.get("destinations")).extracting(node -> node.get("name").asText() + "=" + node.get("status").asText())
                .containsExactly("local=stored", "s3=stored");
        ok(cli, "wallets", "set-state", "--agent", "agent-4", "--state", "active");
        ok(cli, "backup", "incremental");
        assertThat(keys()).hasSize(4).allMatch(key -> key.startsWith(PREFIX))
                .anyMatch(key -> key.endsWith(".wbk")).anyMatch(key -> key.endsWith(".manifest.json"));
        String wallets = ok(cli, "wallets", "list", "--json").stdout();

        String source = "s3://" + S3Server.BUCKET + "/" + PREFIX;
        CliRunner fresh = cli("fresh", server.environment(""));
        assertThat(ok(fresh, "backup", "list", "--source", source, "--json").json().get("backups")).hasSize(2);
        ok(fresh, "backup", "verify", "--all", "--deep", "--source", source);
        JsonNode restored = ok(fresh, "restore", "--source", source, "--json").json();
        assertThat(restored.get("digestMatch").asBoolean()).isTrue();
        assertThat(ok(fresh, "wallets", "list", "--json").stdout()).isEqualTo(wallets);
    }

    /**
     * The encryption asked for reaches the server (ServerSideEncryptionTest reads the headers off the wire): S3Proxy
     * implements no server-side encryption and refuses it, and the copy stays pending with the server's answer
     * instead of landing unencrypted; the local backup stands.
     */
    @Test
    void aStoreThatCannotEncryptAsAskedGetsNoUnencryptedCopy() {
        Map<String, String> s3 = new HashMap<>(server.environment(PREFIX));
        s3.put("S3_SSE", "AES256");
        CliRunner cli = seeded("live", s3);
        JsonNode full = ok(cli, "backup", "full", "--json").json();
        assertThat(full.get("destinations")).extracting(node -> node.get("name").asText() + "=" + node.get("status").asText())
                .containsExactly("local=stored", "s3=pending");
        assertThat(full.get("destinations").get(1).get("message").asText()).contains("NotImplemented");
        assertThat(keys()).isEmpty();
    }

    @Test
    void anOutageLosesNothingTheCopyArrivesWhenTheServerIsBack() throws Exception {
        CliRunner cli = seeded("live", server.environment(PREFIX));
        server.stop();
        JsonNode full = ok(cli, "backup", "full", "--json").json();
        assertThat(full.get("destinations")).extracting(node -> node.get("name").asText() + "=" + node.get("status").asText())
                .containsExactly("local=stored", "s3=pending");
        assertThat(ok(cli, "backup", "list").stdout()).contains("PENDING").contains(full.get("id").asText());
        Result stillDown = run(cli, "backup", "sync");
        assertThat(stillDown.exitCode()).isEqualTo(1);
        assertThat(stillDown.stderr()).contains("still pending");

        server.restart();
        Result synced = ok(cli, "backup", "sync", "--json");
        assertThat(synced.json()).singleElement().satisfies(outcome -> {
            assertThat(outcome.get("status").asText()).isEqualTo("stored");
            assertThat(outcome.get("attempts").asInt()).isEqualTo(3);
        });
        assertThat(keys()).hasSize(2);
        assertThat(ok(cli, "backup", "list").stdout()).doesNotContain("PENDING");
        assertThat(ok(cli, "backup", "sync").stdout()).contains("Every backup is at every destination");
    }

    @Test
    void uploadsUseTheConfiguredPartSize() throws Exception {
        Map<String, String> env = new HashMap<>(TestStores.environment(TestStores.Kind.H2, temp.resolve("live")));
        env.putAll(server.environment(PREFIX));
        WalletConfig config = TestStores.config(env).with(Map.of(WalletConfig.S3_PART_SIZE, "6291456",
                WalletConfig.SCHEDULE_ENABLED, "false"));
        try (RunningApplication app = RunningApplication.startOn(config, Clock.systemUTC())) {
            app.withHardhatSeed(3);
            assertThat(app.backup("full").destinations()).extracting(DestinationOutcome::status)
                    .containsExactly("stored", "stored");
            assertThat(app.context().getEndpoints()).filteredOn(AWS2S3Endpoint.class::isInstance)
                    .map(endpoint -> ((AWS2S3Endpoint) endpoint).getConfiguration())
                    .filteredOn(s3 -> s3.isMultiPartUpload()).singleElement()
                    .satisfies(s3 -> assertThat(s3.getPartSize()).isEqualTo(6L << 20));
        }
    }

    @Test
    void aCorruptedObjectInTheBucketIsAnIntegrityFailureNamingIt() throws IOException {
        CliRunner cli = seeded("live", server.environment(PREFIX));
        JsonNode full = ok(cli, "backup", "full", "--json").json();
        String key = PREFIX + full.get("fileName").asText();
        byte[] original = Files.readAllBytes(temp.resolve("live").resolve("backups").resolve(full.get("fileName").asText()));
        original[original.length / 2] ^= 0x01;
        try (S3Client client = server.client(S3Server.IDENTITY, S3Server.CREDENTIAL)) {
            client.putObject(request -> request.bucket(S3Server.BUCKET).key(key), RequestBody.fromBytes(original));
        }
        Result verify = run(cli("other", server.environment("")), "backup", "verify", "--all", "--source",
                "s3://" + S3Server.BUCKET + "/" + PREFIX);
        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.stderr()).contains(full.get("fileName").asText()).contains("SHA-256");
    }

    @Test
    void anObjectThatHoldsSomethingElseIsNeverOverwritten() throws Exception {
        CliRunner cli = seeded("live", server.environment(PREFIX));
        JsonNode full = ok(cli, "backup", "full", "--json").json();
        String key = PREFIX + full.get("fileName").asText();
        try (S3Client client = server.client(S3Server.IDENTITY, S3Server.CREDENTIAL)) {
            client.putObject(request -> request.bucket(S3Server.BUCKET).key(key), RequestBody.fromString("someone else's"));
        }
        WalletConfig config = WalletConfig.load(this.config, Map.of("WALLET_DATA_DIR", temp.resolve("live").toString()), Map.of());
        try (WalletServices services = WalletServices.open(config, Clock.systemUTC())) {
            new BackupCatalog(services.store()).updateDestination(full.get("id").asText(),
                    DestinationOutcome.failed("s3", null, "retry requested", 1, Instant.now(), true));
        }
        Result sync = run(cli, "backup", "sync", "--json");
        assertThat(sync.exitCode()).as(sync.stdout() + sync.stderr()).isEqualTo(1);
        assertThat(sync.stdout()).contains("never overwritten");
        try (S3Client client = server.client(S3Server.IDENTITY, S3Server.CREDENTIAL)) {
            assertThat(client.getObjectAsBytes(request -> request.bucket(S3Server.BUCKET).key(key)).asUtf8String())
                    .isEqualTo("someone else's");
        }
    }

    @Test
    void wrongCredentialsKeepTheLocalBackupAndNameTheBucketWithoutTheSecret() {
        Map<String, String> wrong = server.environment(PREFIX);
        wrong.put("AWS_SECRET_ACCESS_KEY", "Definitely-Wrong-Secret-987654");
        CliRunner cli = seeded("live", wrong);
        Result backup = ok(cli, "backup", "full", "--json");
        JsonNode s3 = backup.json().get("destinations").get(1);
        assertThat(s3.get("status").asText()).isEqualTo("pending");
        assertThat(s3.get("message").asText()).contains(S3Server.BUCKET).contains("403");
        assertThat(backup.stdout() + backup.stderr()).doesNotContain("Definitely-Wrong-Secret-987654")
                .doesNotContain(S3Server.CREDENTIAL);
        assertThat(keys()).isEmpty();
    }
}
