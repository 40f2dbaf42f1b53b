package dev.walletbackup.backup.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.S3Server;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Retention over a generated history of 60 days (2026-01-05, a Monday, to 2026-03-05): an incremental every day at
 * 01:00 and a full every Monday at 00:00 (9 fulls, 60 incrementals), in the backup directory and in a real S3
 * bucket. keep-daily 7, keep-weekly 4, keep-monthly 6 then removes exactly what the calendar says, everything left
 * still verifies deeply, and leftovers of interrupted writes (in the directory and the bucket) go once they are a day
 * old.
 */
class RetentionHistoryTest {
    static final Instant FIRST_DAY = Instant.parse("2026-01-05T00:00:00Z");
    static final int DAYS = 60;
    static final Instant PRUNED_AT = FIRST_DAY.plus(Duration.ofDays(DAYS - 1)).plus(Duration.ofHours(12));
    static final String PREFIX = "retention/";

    @TempDir
    Path temp;

    /** One backup of the history: the day it was made (0 = 2026-01-05) and its type. */
    record Made(int day, String type, String id, String fileName) {
    }

    /**
     * On PostgreSQL only: the history is the slow part (69 backups, about 25 s there and 40 s on H2) and what the store
     * does here, forgetting catalog entries, RetentionServiceTest checks on both stores.
     */
    @Test
    void keepDaily7Weekly4Monthly6RemovesExactlyWhatTheCalendarSaysFromTheDirectoryAndTheBucket() throws Exception {
        TestStores.Kind kind = TestStores.Kind.POSTGRESQL;
        try (S3Server s3 = S3Server.start(Files.createDirectories(temp.resolve("s3")));
             S3Client bucket = s3.client(S3Server.IDENTITY, S3Server.CREDENTIAL)) {
            Map<String, String> environment = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
            environment.put("WALLET_BACKUP_PASSWORD", RunningApplication.PASSWORD);
            long started = System.nanoTime();
            List<Made> history = makeHistory(TestStores.config(environment)
                    .with(Map.of(WalletConfig.SCHEDULE_ENABLED, "false")));
            System.out.printf("%s: %d backups made in %d ms%n", kind, history.size(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            assertThat(history).hasSize(69);
            assertThat(history.stream().filter(made -> made.type().equals("full"))).hasSize(9);
            // The S3 destination's copies are the local files byte for byte under the prefix (format spec §13): put
            // there directly, 138 requests instead of four round trips per backup while the history is made.
            Path backups = temp.resolve("data").resolve("backups");
            for (String name : listing(backups)) {
                if (!name.startsWith(".")) {
                    bucket.putObject(request -> request.bucket(S3Server.BUCKET).key(PREFIX + name),
                            backups.resolve(name));
                }
            }
            environment.putAll(s3.environment(PREFIX));

            Instant old = PRUNED_AT.minus(Duration.ofDays(2));
            Path oldStaged = leftover(backups, ".wallet-backup-20260303T010000000Z-incremental-00000000000000aa.wbk.tmp", old);
            Path oldOrphan = leftover(backups, "wallet-backup-20260303T020000000Z-incremental-00000000000000bb.wbk", old);
            Path youngStaged = leftover(backups, ".wallet-backup-20260305T110000000Z-full-00000000000000cc.manifest.json.tmp",
                    PRUNED_AT.minus(Duration.ofHours(1)));
            // S3Proxy's file store gives an object its file's modification time
            String oldBucketOrphan = "wallet-backup-20260303T010000000Z-incremental-00000000000000dd.wbk";
            String youngBucketOrphan = "wallet-backup-20260305T110000000Z-incremental-00000000000000ee.wbk";
            for (String orphan : List.of(oldBucketOrphan, youngBucketOrphan)) {
                bucket.putObject(request -> request.bucket(S3Server.BUCKET).key(PREFIX + orphan),
                        RequestBody.fromString("an upload whose manifest never came"));
            }
            Files.setLastModifiedTime(temp.resolve("s3").resolve(S3Server.BUCKET).resolve(PREFIX + oldBucketOrphan),
                    FileTime.from(old));
            Files.setLastModifiedTime(temp.resolve("s3").resolve(S3Server.BUCKET).resolve(PREFIX + youngBucketOrphan),
                    FileTime.from(PRUNED_AT.minus(Duration.ofHours(1))));

            Set<Integer> keptDays = keptDays();
            List<Made> kept = history.stream().filter(made -> keptDays.contains(made.day())).toList();
            List<Made> removed = history.stream().filter(made -> !keptDays.contains(made.day())).toList();
            assertThat(kept).hasSize(36);
            assertThat(removed).hasSize(33);
            Set<String> expectedFiles = new TreeSet<>();
            for (Made made : removed) {
                expectedFiles.add(backups.resolve(manifestOf(made)).toString());
                expectedFiles.add(backups.resolve(made.fileName()).toString());
                expectedFiles.add("s3://" + S3Server.BUCKET + "/" + PREFIX + manifestOf(made));
                expectedFiles.add("s3://" + S3Server.BUCKET + "/" + PREFIX + made.fileName());
            }
            Set<String> localBefore = listing(backups);
            Set<String> bucketBefore = keys(bucket);

            Path config = TestStores.fastConfigFile(temp, Map.of());
            CliRunner cli = new CliRunner(environment).withConfig(config).withClock(Clock.fixed(PRUNED_AT, ZoneOffset.UTC));
            JsonNode dryRun = cli.ok("backup", "prune", "--keep-daily", "7", "--keep-weekly", "4", "--keep-monthly",
                    "6", "--dry-run", "--json").json();
            assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
            assertThat(files(dryRun)).containsExactlyInAnyOrderElementsOf(expectedFiles);
            assertThat(texts(dryRun.get("leftovers"))).containsExactlyInAnyOrder(oldStaged.toString(), oldOrphan.toString(),
                    "s3://" + S3Server.BUCKET + "/" + PREFIX + oldBucketOrphan);
            assertThat(listing(backups)).as("a dry run removes nothing").isEqualTo(localBefore);
            assertThat(keys(bucket)).isEqualTo(bucketBefore);

            JsonNode pruned = cli.ok("backup", "prune", "--keep-daily", "7", "--keep-weekly", "4", "--keep-monthly",
                    "6", "--json").json();
            assertThat(files(pruned)).containsExactlyInAnyOrderElementsOf(expectedFiles);
            Set<String> localAfter = new TreeSet<>(localBefore);
            localAfter.removeAll(Set.of(oldStaged.getFileName().toString(), oldOrphan.getFileName().toString()));
            removed.forEach(made -> localAfter.removeAll(Set.of(made.fileName(), manifestOf(made))));
            assertThat(listing(backups)).isEqualTo(localAfter).contains(youngStaged.getFileName().toString());
            Set<String> bucketAfter = new TreeSet<>(bucketBefore);
            bucketAfter.remove(oldBucketOrphan);
            removed.forEach(made -> bucketAfter.removeAll(Set.of(made.fileName(), manifestOf(made))));
            assertThat(keys(bucket)).isEqualTo(bucketAfter).contains(youngBucketOrphan);
            assertThat(texts(cli.ok("backup", "list", "--json").json().findValues("id").stream().toList()))
                    .as("the catalog").containsExactlyElementsOf(kept.stream().map(Made::id).toList());

            Result deep = cli.ok("backup", "verify", "--all", "--deep", "--json");
            assertThat(deep.json().get("ok").asBoolean()).isTrue();
            assertThat(deep.json().get("backups")).hasSize(36);
            // the objects are the files byte for byte: their SHA-256 and chains suffice
            Result inBucket = cli.ok("backup", "verify", "--all", "--json", "--source",
                    "s3://" + S3Server.BUCKET + "/" + PREFIX);
            assertThat(inBucket.json().get("ok").asBoolean()).isTrue();
            assertThat(inBucket.json().get("backups")).hasSize(36);
        }
    }

    /**
     * The days whose 01:00 incremental a rule keeps, read off the calendar: keep-daily 7 the last seven days
     * (days 53–59, 2026-02-27 to 03-05); keep-weekly 4 the last day of each of the last four ISO weeks (days 59, 55,
     * 48, 41: Thursday 03-05 and the Sundays 03-01, 02-22, 02-15); keep-monthly 6 the last day of each month there is
     * (days 26, 54, 59: 01-31, 02-28, 03-05; only three months have backups). Each brings its chain: the week's
     * full (Monday) and every incremental from Monday to that day. The newest full (day 56) is in a chain already.
     */
    static Set<Integer> keptDays() {
        Set<Integer> byRule = new TreeSet<>(List.of(53, 54, 55, 56, 57, 58, 59, 48, 41, 26));
        return byRule.stream().flatMap(day -> IntStream.rangeClosed(day - day % 7, day).boxed())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Day {@code d} days after 2026-01-05 (a full at 00:00 on Mondays, an incremental at 01:00 every day), with one
     * new wallet a day so that each incremental carries a change.
     */
    List<Made> makeHistory(WalletConfig config) throws Exception {
        SettableClock clock = new SettableClock(FIRST_DAY);
        List<Made> history = new ArrayList<>();
        try (RunningApplication app = RunningApplication.startOn(config, clock).withHardhatSeed(2)) {
            for (int day = 0; day < DAYS; day++) {
                Instant midnight = FIRST_DAY.plus(Duration.ofDays(day));
                if (day % 7 == 0) {
                    clock.set(midnight);
                    history.add(made(day, app.backup("full")));
                }
                app.services().wallets().createMany(1, "day-" + day + "-");
                clock.set(midnight.plus(Duration.ofHours(1)));
                history.add(made(day, app.backup("incremental")));
            }
        }
        return history;
    }

    static Made made(int day, BackupReport report) {
        return new Made(day, report.type().wireName(), report.id(), report.fileName());
    }

    static String manifestOf(Made made) {
        return made.fileName().replace(".wbk", ".manifest.json");
    }

    static Path leftover(Path directory, String name, Instant modified) throws IOException {
        Path file = Files.writeString(directory.resolve(name), "interrupted");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    static Set<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static Set<String> keys(S3Client bucket) {
        return bucket.listObjectsV2Paginator(request -> request.bucket(S3Server.BUCKET).prefix(PREFIX)).contents()
                .stream().map(S3Object::key).map(key -> key.substring(PREFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> files(JsonNode report) {
        return StreamSupport.stream(report.get("removed").spliterator(), false)
                .flatMap(removed -> texts(removed.get("files")).stream()).toList();
    }

    static List<String> texts(Iterable<JsonNode> nodes) {
        return StreamSupport.stream(nodes.spliterator(), false).map(JsonNode::asText).toList();
    }
}
