package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.destination.BackupSources;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.S3Server;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A backup directory with damaged, hostile or foreign neighbours beside one intact chain (a full and an
 * incremental): listing, verifying and restoring work whenever the chain they need is intact, name every file
 * they skipped, never open a path a manifest names, and make the operator choose between installations.
 */
class DamagedBackupDirectoryTest {
    static final String PASSWORD = RunningApplication.PASSWORD;
    static final String BAD_MANIFEST = "wallet-backup-20991231T235959999Z-full-badbadbadbadbad0.manifest.json";
    static Path makers;
    static Path config;
    static JsonNode full;
    static JsonNode incremental;
    static JsonNode foreign;
    static String ours;
    static String theirs;

    @TempDir
    Path temp;

    /** Our installation's chain (full, incremental) and another installation's full, each in its own directory. */
    @BeforeAll
    static void backupsOfTwoInstallations(@TempDir Path directory) throws IOException {
        makers = directory;
        config = TestStores.fastConfigFile(directory, Map.of());
        CliRunner maker = runner(Map.of("WALLET_DATA_DIR", directory.resolve("ours").toString()));
        ok(maker.runWithInput(RunningApplication.HARDHAT, args("seed", "import")));
        ok(maker.run(args("wallets", "create", "--count", "20")));
        full = ok(maker.run(args("backup", "full", "--json"))).json();
        ok(maker.run(args("wallets", "create", "--agent", "second")));
        incremental = ok(maker.run(args("backup", "incremental", "--json"))).json();
        CliRunner other = runner(Map.of("WALLET_DATA_DIR", directory.resolve("foreign").toString()));
        ok(other.run(args("seed", "init", "--words", "12")));
        ok(other.run(args("wallets", "create", "--count", "2")));
        foreign = ok(other.run(args("backup", "full", "--json"))).json();
        ours = manifest(directory.resolve("ours").resolve("backups"), full).get("seedFingerprint").asText();
        theirs = manifest(directory.resolve("foreign").resolve("backups"), foreign).get("seedFingerprint").asText();
        assertThat(ours).isNotEqualTo(theirs);
    }

    enum Damage {
        EMPTY("the file is empty"),
        GARBAGE("not valid JSON at line 1"),
        HUGE_50_MB("larger than 64 KiB"),
        NESTED_100000_DEEP("larger than 64 KiB"),
        NESTED_1000_DEEP_WITHIN_THE_SIZE_BOUND("nested deeper than 16 levels");

        final String reason;

        Damage(String reason) {
            this.reason = reason;
        }

        void writeTo(Path file) throws IOException {
            switch (this) {
                case EMPTY -> Files.write(file, new byte[0]);
                case GARBAGE -> Files.writeString(file, "garbage, not a manifest {");
                case HUGE_50_MB -> {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        out.write("{\"formatVersion\": 1, \"padding\": \"".getBytes(StandardCharsets.US_ASCII));
                        byte[] block = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
                        for (int i = 0; i < 50; i++) {
                            out.write(block);
                        }
                        out.write("\"}".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                case NESTED_100000_DEEP -> Files.writeString(file, "[".repeat(100_000));
                case NESTED_1000_DEEP_WITHIN_THE_SIZE_BOUND -> Files.writeString(file, "{\"counts\": " + "[".repeat(1000));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedManifestIsNamedAndSkippedByListAndVerify(Damage damage) throws IOException {
        Path source = ourChain();
        Path bad = source.resolve(BAD_MANIFEST);
        damage.writeTo(bad);
        CliRunner cli = runner(Map.of("WALLET_DATA_DIR", temp.resolve("unused").toString()));
        String warning = "warning: ignored " + bad + ": ";

        Result list = ok(cli.run(args("backup", "list", "--source", source.toString())));
        assertThat(list.stdout()).contains(id(full)).contains(id(incremental));
        assertThat(list.stderr()).contains(warning).contains(damage.reason);
        JsonNode listed = ok(cli.run(args("backup", "list", "--source", source.toString(), "--json"))).json();
        assertThat(listed.get("backups")).hasSize(2);
        assertThat(listed.get("ignored").get(0).get("file").asText()).isEqualTo(bad.toString());

        Result verifyOne = ok(cli.run(args("backup", "verify", id(incremental), "--source", source.toString())));
        assertThat(verifyOne.stdout()).contains(id(full) + " ").contains(id(incremental) + " ").doesNotContain("FAILED");
        assertThat(verifyOne.stderr()).contains(warning);
        ok(cli.run(args("backup", "verify", "--source", source.toString())));

        Result verifyAll = cli.run(args("backup", "verify", "--all", "--source", source.toString()));
        assertThat(verifyAll.exitCode()).as(verifyAll.stderr()).isEqualTo(3);
        assertThat(verifyAll.stdout()).contains(id(incremental)).doesNotContain("FAILED");
        assertThat(verifyAll.stderr()).contains(warning).contains("1 manifest(s) in " + source + " cannot be read");
        JsonNode verifiedAll = cli.run(args("backup", "verify", "--all", "--source", source.toString(), "--json")).json();
        assertThat(verifiedAll.get("ok").asBoolean()).isFalse();
        assertThat(verifiedAll.get("backups")).hasSize(2).allMatch(result -> !result.has("problem"));
        assertThat(verifiedAll.get("ignored").get(0).get("reason").asText()).contains(damage.reason);
    }

    static Stream<Arguments> storesAndDamages() {
        return Arrays.stream(Kind.values()).flatMap(kind -> Arrays.stream(Damage.values()).map(damage -> Arguments.of(kind, damage)));
    }

    @ParameterizedTest
    @MethodSource("storesAndDamages")
    void restoreOfTheNewestAndOfAnEarlierBackupIgnoresADamagedManifest(Kind kind, Damage damage) throws IOException {
        Path source = ourChain();
        Path bad = source.resolve(BAD_MANIFEST);
        damage.writeTo(bad);

        JsonNode newest = ok(runner(TestStores.environment(kind, temp.resolve("newest")))
                .run(args("restore", "--source", source.toString(), "--json"))).json();
        assertThat(newest.get("target").asText()).isEqualTo(id(incremental));
        assertThat(newest.get("digestMatch").asBoolean()).isTrue();
        assertThat(newest.get("ignored").get(0).get("file").asText()).isEqualTo(bad.toString());
        assertThat(newest.get("warnings")).as("a manifest named for a later backup: a newer state may exist")
                .anySatisfy(warning -> assertThat(warning.asText()).startsWith("the manifest " + bad
                        + ", named for a backup newer than " + id(incremental) + ", cannot be read"));

        CliRunner earlierStore = runner(TestStores.environment(kind, temp.resolve("earlier")));
        Result earlier = ok(earlierStore.run(args("restore", "--source", source.toString(), "--backup", id(full))));
        assertThat(earlier.stdout()).contains("Restored backup " + id(full));
        assertThat(earlier.stderr()).contains("warning: ignored " + bad + ": ").contains(damage.reason)
                .contains("WARNING: the manifest " + bad + ", named for a backup newer than " + id(full));
        assertThat(ok(earlierStore.run(args("wallets", "list", "--json"))).json()).hasSize(20);
    }

    enum Outside { PARENT_RELATIVE, ABSOLUTE }

    static Stream<Arguments> storesAndOutsideNames() {
        return Arrays.stream(Kind.values()).flatMap(kind -> Arrays.stream(Outside.values()).map(name -> Arguments.of(kind, name)));
    }

    /**
     * The full's file is moved out of the source and its manifest edited to name it there: read, it would pass
     * every check (same bytes, same SHA-256). Refused, it is an integrity failure naming the manifest.
     */
    @ParameterizedTest
    @MethodSource("storesAndOutsideNames")
    void aManifestFileNameThatIsAPathIsRefusedAndTheFileItNamesIsNeverRead(Kind kind, Outside how) throws IOException {
        Path source = ourChain();
        Path fullFile = source.resolve(full.get("fileName").asText());
        Path outside = how == Outside.PARENT_RELATIVE ? source.resolveSibling("outside.wbk")
                : Files.createDirectories(temp.resolve("elsewhere")).resolve("outside.wbk");
        Files.move(fullFile, outside);
        String named = how == Outside.PARENT_RELATIVE ? "../outside.wbk" : outside.toString();
        Path fullManifest = manifestOf(fullFile);
        ObjectNode edited = (ObjectNode) WalletJson.mapper().readTree(fullManifest.toFile());
        edited.put("fileName", named);
        Files.write(fullManifest, WalletJson.mapper().writeValueAsBytes(edited));
        byte[] outsideBefore = Files.readAllBytes(outside);
        CliRunner cli = runner(TestStores.environment(kind, temp.resolve("target")));

        Result verify = cli.run(args("backup", "verify", id(full), "--source", source.toString()));
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isEqualTo(3);
        assertThat(verify.stderr()).contains(fullManifest + ": the manifest of backup " + id(full) + " cannot be read")
                .contains("a name in a manifest is never a path");
        Result verifyAll = cli.run(args("backup", "verify", "--all", "--source", source.toString()));
        assertThat(verifyAll.exitCode()).isEqualTo(3);
        assertThat(verifyAll.stdout()).contains(id(incremental)).contains("whose manifest " + fullManifest + " cannot be read");

        Result restoreFull = cli.run(args("restore", "--source", source.toString(), "--backup", id(full)));
        assertThat(restoreFull.exitCode()).as(restoreFull.stderr()).isEqualTo(3);
        assertThat(restoreFull.stderr()).contains(fullManifest.toString()).contains("never a path");
        Result restoreNewest = cli.run(args("restore", "--source", source.toString()));
        assertThat(restoreNewest.exitCode()).as(restoreNewest.stderr()).isEqualTo(3);
        assertThat(restoreNewest.stderr()).contains("the manifest of backup " + id(full) + ", which "
                + id(incremental) + " builds on, cannot be read: " + fullManifest);
        assertThat(Files.readAllBytes(outside)).isEqualTo(outsideBefore);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSourceWithTwoInstallationsMakesTheOperatorChooseOne(Kind kind) throws IOException {
        Path source = ourChain();
        Path foreignFile = makers.resolve("foreign").resolve("backups").resolve(foreign.get("fileName").asText());
        Files.copy(foreignFile, source.resolve(foreignFile.getFileName()));
        Files.copy(manifestOf(foreignFile), source.resolve(manifestOf(foreignFile).getFileName()));

        Result ambiguous = runner(TestStores.environment(kind, temp.resolve("refused")))
                .run(args("restore", "--source", source.toString()));
        assertThat(ambiguous.exitCode()).as(ambiguous.stderr()).isEqualTo(2);
        assertThat(ambiguous.stderr()).contains("holds backups of 2 installations")
                .contains(ours + " (newest backup " + id(incremental) + " of "
                        + manifest(source, incremental).get("createdAt").asText() + ")")
                .contains(theirs + " (newest backup " + id(foreign) + " of ")
                .contains("--fingerprint");
        Result unknown = runner(TestStores.environment(kind, temp.resolve("unknown")))
                .run(args("restore", "--source", source.toString(), "--fingerprint", "00000000"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains(ours).contains(theirs);
        Result mismatch = runner(TestStores.environment(kind, temp.resolve("mismatch")))
                .run(args("restore", "--source", source.toString(), "--backup", id(full), "--fingerprint", theirs));
        assertThat(mismatch.exitCode()).isEqualTo(2);
        assertThat(mismatch.stderr()).contains("belongs to installation " + ours);

        JsonNode chosen = ok(runner(TestStores.environment(kind, temp.resolve("ours")))
                .run(args("restore", "--source", source.toString(), "--fingerprint", ours.toUpperCase(), "--json"))).json();
        assertThat(chosen.get("seedFingerprint").asText()).isEqualTo(ours);
        assertThat(chosen.get("target").asText()).isEqualTo(id(incremental));
        JsonNode byBackup = ok(runner(TestStores.environment(kind, temp.resolve("theirs")))
                .run(args("restore", "--source", source.toString(), "--backup", id(foreign), "--json"))).json();
        assertThat(byBackup.get("seedFingerprint").asText()).isEqualTo(theirs);

        CliRunner reader = runner(Map.of("WALLET_DATA_DIR", temp.resolve("unused").toString()));
        Result list = ok(reader.run(args("backup", "list", "--source", source.toString())));
        assertThat(list.stdout()).contains(source + " holds backups of 2 installations")
                .contains("Installation " + ours + ", 2 backup(s):").contains("Installation " + theirs + ", 1 backup(s):");
        JsonNode listed = ok(reader.run(args("backup", "list", "--source", source.toString(), "--json"))).json();
        assertThat(listed.get("installations")).extracting(node -> node.get("seedFingerprint").asText()
                + "=" + node.get("newestId").asText()).containsExactlyInAnyOrder(ours + "=" + id(incremental), theirs + "=" + id(foreign));
        Result verify = ok(reader.run(args("backup", "verify", "--deep", "--source", source.toString())));
        assertThat(verify.stdout()).contains(id(full)).contains(id(incremental)).contains(id(foreign));
    }

    @Test
    void verifyAndListReportOrphansAsWarnings() throws IOException {
        Path source = ourChain();
        Path fullFile = source.resolve(full.get("fileName").asText());
        Path withoutManifest = source.resolve("wallet-backup-20991231T235959999Z-full-0123456789abcdef.wbk");
        Files.copy(fullFile, withoutManifest);
        Path staged = source.resolve("." + incremental.get("fileName").asText().replace(id(incremental), "fedcba9876543210") + ".tmp");
        Files.write(staged, new byte[24]);
        Path stagedManifest = source.resolve("." + manifestOf(fullFile).getFileName() + ".tmp");
        Files.write(stagedManifest, new byte[0]);
        CliRunner cli = runner(Map.of("WALLET_DATA_DIR", temp.resolve("unused").toString()));

        Result verify = ok(cli.run(args("backup", "verify", "--source", source.toString())));
        assertThat(verify.stderr()).contains("warning: orphan " + withoutManifest + ": a backup file without a manifest")
                .contains("warning: orphan " + staged + ": a temporary file left by an interrupted write")
                .contains("warning: orphan " + stagedManifest + ": a temporary file");
        JsonNode verified = ok(cli.run(args("backup", "verify", "--all", "--source", source.toString(), "--json"))).json();
        assertThat(verified.get("ok").asBoolean()).isTrue();
        assertThat(verified.get("orphans")).extracting(node -> node.get("file").asText())
                .containsExactlyInAnyOrder(withoutManifest.toString(), staged.toString(), stagedManifest.toString());
        assertThat(ok(cli.run(args("backup", "list", "--source", source.toString()))).stderr())
                .contains("warning: orphan " + withoutManifest);
    }

    @Test
    void verifyingADirectoryWithoutBackupsFailsWithOrWithoutAll() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "the operator's own file");
        CliRunner cli = runner(Map.of("WALLET_DATA_DIR", temp.resolve("unused").toString()));
        for (String[] command : new String[][] {{"backup", "verify"}, {"backup", "verify", "--all"},
                {"backup", "verify", "--all", "--deep"}}) {
            String[] withSource = Arrays.copyOf(command, command.length + 2);
            withSource[command.length] = "--source";
            withSource[command.length + 1] = empty.toString();
            Result result = cli.run(args(withSource));
            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(5);
            assertThat(result.stderr()).as(String.join(" ", command)).contains("there are no backups in " + empty);
        }
    }

    @Test
    void aDamagedFullMakesItsIncrementalUnrestorable() throws IOException {
        Path source = ourChain();
        Path fullFile = source.resolve(full.get("fileName").asText());
        byte[] bytes = Files.readAllBytes(fullFile);
        bytes[bytes.length - 100] ^= 0x01;
        Files.write(fullFile, bytes);
        CliRunner cli = runner(Map.of("WALLET_DATA_DIR", temp.resolve("unused").toString()));

        Result verify = cli.run(args("backup", "verify", "--source", source.toString()));
        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.stdout()).contains(id(full) + " full        FAILED: " + fullFile + ": SHA-256 ")
                .contains(id(incremental) + " incremental FAILED: unrestorable: its chain needs " + id(full)
                        + ", which is damaged (" + fullFile + ": SHA-256 ");
        assertThat(verify.stdout().split(java.util.regex.Pattern.quote(fullFile.toString()), -1)).hasSize(3);
    }

    @Test
    void aDeepVerifyOfEveryBackupGoesOnPastAFullDamagedUnderAMatchingManifest() throws IOException {
        Path source = ourChain();
        Path foreignFile = makers.resolve("foreign").resolve("backups").resolve(foreign.get("fileName").asText());
        Files.copy(foreignFile, source.resolve(foreignFile.getFileName()));
        Files.copy(manifestOf(foreignFile), source.resolve(manifestOf(foreignFile).getFileName()));
        Path fullFile = source.resolve(full.get("fileName").asText());
        byte[] bytes = Files.readAllBytes(fullFile);
        bytes[bytes.length - 100] ^= 0x01;
        Files.write(fullFile, bytes);
        // a manifest that agrees with the damaged file: only decrypting it finds the damage
        ObjectNode agreeing = (ObjectNode) manifest(source, full);
        agreeing.put("sha256", FileDigests.sha256(fullFile));
        Files.write(manifestOf(fullFile), WalletJson.mapper().writeValueAsBytes(agreeing));
        CliRunner cli = runner(Map.of("WALLET_DATA_DIR", temp.resolve("unused").toString()));

        Result verify = cli.run(args("backup", "verify", "--all", "--deep", "--source", source.toString()));

        assertThat(verify.exitCode()).as(verify.stderr()).isEqualTo(3);
        assertThat(verify.stdout()).contains(id(full) + " full        FAILED: " + fullFile + ": ")
                .contains(id(incremental) + " incremental FAILED: unrestorable: its chain needs " + id(full)
                        + ", which is damaged (" + fullFile + ": ")
                .contains(id(foreign) + " full        ok (decrypted, digests recomputed)");
        JsonNode verified = cli.run(args("backup", "verify", "--all", "--deep", "--source", source.toString(),
                "--json")).json();
        assertThat(verified.get("backups")).extracting(node -> node.get("id").asText() + "="
                + node.hasNonNull("problem")).containsExactlyInAnyOrder(id(full) + "=true",
                id(incremental) + "=true", id(foreign) + "=false");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anS3SourceIsDownloadedPrivatelyAndRemovedAfterEveryCommand(Kind kind) throws Exception {
        try (S3Server server = S3Server.start(Files.createDirectories(temp.resolve("s3")))) {
            String prefix = "dr/";
            Path chain = ourChain();
            try (S3Client client = server.client(S3Server.IDENTITY, S3Server.CREDENTIAL);
                 Stream<Path> files = Files.list(chain)) {
                for (Path file : files.toList()) {
                    client.putObject(request -> request.bucket(S3Server.BUCKET).key(prefix + file.getFileName()),
                            RequestBody.fromFile(file));
                }
                client.putObject(request -> request.bucket(S3Server.BUCKET).key(prefix + BAD_MANIFEST),
                        RequestBody.fromString("garbage"));
                client.putObject(request -> request.bucket(S3Server.BUCKET).key(prefix + "notes.txt"),
                        RequestBody.fromString("not a backup"));
                client.putObject(request -> request.bucket(S3Server.BUCKET).key(prefix + "nested/" + full.get("fileName").asText()),
                        RequestBody.fromString("below the prefix"));
            }
            String source = "s3://" + S3Server.BUCKET + "/" + prefix;
            Set<Path> before = downloads();

            WalletConfig settings = WalletConfig.load(config, server.environment(""), Map.of());
            try (BackupDirectory opened = BackupSources.open(source, settings)) {
                assertThat(Files.getPosixFilePermissions(opened.directory())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
                try (Stream<Path> files = Files.list(opened.directory())) {
                    List<Path> downloaded = files.toList();
                    assertThat(downloaded).extracting(path -> path.getFileName().toString()).containsExactlyInAnyOrder(
                            full.get("fileName").asText(), manifestOf(Path.of(full.get("fileName").asText())).toString(),
                            incremental.get("fileName").asText(), manifestOf(Path.of(incremental.get("fileName").asText())).toString(),
                            BAD_MANIFEST);
                    for (Path file : downloaded) {
                        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
                    }
                }
                assertThat(opened.unreadable()).extracting(BackupDirectory.Finding::file).containsExactly(source + BAD_MANIFEST);
            }
            assertThat(downloads()).isEqualTo(before);

            Map<String, String> env = new HashMap<>(server.environment(""));
            env.putAll(TestStores.environment(kind, temp.resolve("fresh")));
            CliRunner fresh = runner(env);
            Result list = ok(fresh.run(args("backup", "list", "--source", source)));
            assertThat(list.stderr()).contains("warning: ignored " + source + BAD_MANIFEST + ": not valid JSON");
            assertThat(downloads()).isEqualTo(before);
            ok(fresh.run(args("backup", "verify", "--deep", "--source", source)));
            assertThat(downloads()).isEqualTo(before);
            Result unknown = fresh.run(args("restore", "--source", source, "--backup", "0000000000000000"));
            assertThat(unknown.exitCode()).isNotZero();
            assertThat(downloads()).isEqualTo(before);
            JsonNode restored = ok(fresh.run(args("restore", "--source", source, "--json"))).json();
            assertThat(restored.get("source").asText()).isEqualTo(source);
            assertThat(restored.get("target").asText()).isEqualTo(id(incremental));
            assertThat(downloads()).isEqualTo(before);
        }
    }

    /** The S3 download directories in the system temporary directory. */
    static Set<Path> downloads() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(path -> path.getFileName().toString().startsWith("wallet-backup-s3-")).collect(Collectors.toSet());
        }
    }

    /** A fresh copy of our installation's backup directory: the full and the incremental with their manifests. */
    Path ourChain() throws IOException {
        Path copy = Files.createTempDirectory(temp, "source-");
        try (Stream<Path> files = Files.list(makers.resolve("ours").resolve("backups"))) {
            for (Path file : files.filter(path -> !path.getFileName().toString().startsWith(".")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    static JsonNode manifest(Path directory, JsonNode backup) throws IOException {
        return WalletJson.mapper().readTree(manifestOf(directory.resolve(backup.get("fileName").asText())).toFile());
    }

    static Path manifestOf(Path backup) {
        return backup.resolveSibling(backup.getFileName().toString().replace(".wbk", ".manifest.json"));
    }

    static String id(JsonNode backup) {
        return backup.get("id").asText();
    }

    static CliRunner runner(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env);
    }

    static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        return result;
    }

    static String[] args(String... args) {
        String[] out = Arrays.copyOf(args, args.length + 2);
        out[args.length] = "--config";
        out[args.length + 1] = config.toString();
        return out;
    }
}
