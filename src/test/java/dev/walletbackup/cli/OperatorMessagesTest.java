package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.backup.format.KeySlot;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures as an operator reads them: one line each, saying what failed and where, with no Java record
 * toString(), no Jackson source location, no SDK exception name and no SQL.
 */
class OperatorMessagesTest {
    static final String PASSWORD = "Messages-Test-Pass-5%";
    static final String HARDHAT = "test test test test test test test test test test test junk";

    @TempDir
    Path temp;
    Path config;
    Map<String, String> environment;

    @BeforeEach
    void installation() throws IOException {
        config = TestStores.fastConfigFile(temp, Map.of());
        environment = new HashMap<>(TestStores.environment(Kind.H2, temp.resolve("data")));
        environment.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        ok(cli(Map.of()).runWithInput(HARDHAT, args("seed", "import")));
        ok(cli(Map.of()).run(args("wallets", "create", "--count", "3")));
    }

    @Test
    void aFailedRestoreIsReportedOnceOnStandardError() throws Exception {
        ok(cli(Map.of()).run(args("backup", "full")));
        Path target = temp.resolve("elsewhere");
        Process restore = launcher(Map.of("WALLET_DATA_DIR", target.toString()), "restore", "--source",
                temp.resolve("data").resolve("backups").toString(), "--backup", "20990101T000000000Z-full-0000000000000000");
        String stderr = new String(restore.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(restore.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(restore.exitValue()).as(stderr).isEqualTo(5);
        assertThat(stderr.lines().filter(line -> line.contains("20990101T000000000Z"))).as(stderr).hasSize(1);
        assertThat(stderr).doesNotContain("ERROR");
    }

    @Test
    void anUnusableBackupPathSaysWhichDirectoryAndWhy() {
        Result result = cli(Map.of("WALLET_BACKUP_PATH", "/proc/nope")).run(args("backup", "full"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("wallet-backup backup full: error: the backup directory /proc/nope cannot be "
                + "created: no such file or directory" + System.lineSeparator());
    }

    @Test
    void alteredKeySlotCheckBytesSayWrongPasswordOrAlteredNamingTheFile() throws IOException {
        JsonNode backup = ok(cli(Map.of()).run(args("backup", "full", "--json"))).json();
        Path file = temp.resolve("data").resolve("backups").resolve(backup.get("fileName").asText());
        byte[] bytes = Files.readAllBytes(file);
        int keySlot = 8 + 2 + 4 + ByteBuffer.wrap(bytes, 10, 4).getInt();
        bytes[keySlot + 30] ^= 0x01;
        Files.write(file, bytes);
        Path manifest = manifestOf(file);
        var edited = (com.fasterxml.jackson.databind.node.ObjectNode) WalletJson.mapper().readTree(manifest.toFile());
        edited.put("sha256", FileDigests.sha256(file));
        Files.write(manifest, WalletJson.mapper().writeValueAsBytes(edited));

        Result verify = cli(Map.of()).run(args("backup", "verify", "--deep"));
        assertThat(verify.exitCode()).isEqualTo(4);
        assertThat(verify.stderr()).contains("wrong password, or the key slot of " + file + " was altered");
        assertThat(KeySlot.BYTES).isGreaterThan(30);
    }

    @Test
    void aManifestThatIsNotJsonIsNamedWithoutJacksonsSourceLocation() throws IOException {
        ok(cli(Map.of()).run(args("backup", "full")));
        Path directory = temp.resolve("data").resolve("backups");
        Path broken = directory.resolve("wallet-backup-20260101T000000000Z-full-00000000000000aa.manifest.json");
        Files.writeString(broken, "{\"id\": ]");
        Result list = cli(Map.of()).run(args("backup", "list", "--source", directory.toString()));
        assertThat(list.stdout() + list.stderr()).contains(broken.toString()).doesNotContain("Source:")
                .doesNotContain("com.fasterxml");
    }

    @Test
    void anUnreachableS3EndpointSaysTheConnectionWasRefused() throws IOException {
        Map<String, String> s3 = unreachableS3();
        Result list = cli(s3).run(args("backup", "list", "--source", "s3://wallet-backups/prod/"));
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.stderr()).contains("S3 download of s3://wallet-backups/prod/ failed")
                .contains("connection refused").doesNotContain("SdkClientException").doesNotContain("Exception");

        Result backup = ok(cli(s3).run(args("backup", "full", "--json")));
        JsonNode copy = backup.json().get("destinations").get(1);
        assertThat(copy.get("status").asText()).isEqualTo("pending");
        assertThat(copy.get("message").asText()).startsWith("S3 upload of " + backup.json().get("fileName").asText())
                .contains("connection refused").doesNotContain("Exception");

        Result text = ok(cli(s3).run(args("backup", "incremental")));
        assertThat(text.stdout().lines().filter(line -> line.startsWith("  s3 ")))
                .singleElement().asString().matches("  s3 +pending +\\(S3 upload of .*connection refused.*\\)");

        // a retry by hand: it stored nothing, and says why as the backup did, not in the SDK's words
        Result sync = cli(s3).run(args("backup", "sync"));
        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.stdout().lines().toList()).first().isEqualTo("Stored 0 of the 2 missing copies:");
        assertThat(sync.stdout().lines().filter(line -> line.startsWith("  s3 ")).toList()).hasSize(2)
                .allMatch(line -> line.matches("  s3 +pending +\\(S3 upload of .*: cannot connect to the S3 endpoint.*\\)"));
    }

    Map<String, String> unreachableS3() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        return Map.of("S3_BUCKET", "wallet-backups", "S3_ENDPOINT", "http://127.0.0.1:" + closedPort,
                "S3_PREFIX", "prod/", "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "S3-Secret-Never-Shown-1");
    }

    /** The command line in a JVM of its own, logging as the installed launcher does (src/main/resources/logback.xml). */
    Process launcher(Map<String, String> extraEnvironment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath(),
                "-Dwallet.home=" + Path.of("").toAbsolutePath(), WalletBackupCli.class.getName()));
        command.addAll(List.of(args(arguments)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment);
        return builder.start();
    }

    CliRunner cli(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extra);
        return new CliRunner(env);
    }

    String[] args(String... args) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 2);
        out[args.length] = "--config";
        out[args.length + 1] = config.toString();
        return out;
    }

    static Path manifestOf(Path backup) {
        return backup.resolveSibling(backup.getFileName().toString().replace(".wbk", ".manifest.json"));
    }

    static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        return result;
    }
}
