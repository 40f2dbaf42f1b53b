package dev.walletbackup.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.PostgresAdvisoryLock;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.PostgresSessions;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services ({@code run}, each in a JVM of its own, each with a backup directory of its own as on two hosts)
 * share one PostgreSQL store with a full backup every three seconds: each slot makes one backup, on one of them;
 * the one killed in the middle of a backup leaves nothing that looks complete and the lock free, and the other
 * carries on. Two {@code backup full} commands on the store take turns.
 */
class ClusteredServiceTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Clustered-Pass-1!";
    static final int WALLETS = 40;
    static final long SLOT_MILLIS = 3000;
    static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    Map<String, String> store;
    Path config;

    void install(Map<String, String> settings) throws IOException {
        store = new HashMap<>(TestStores.environment(Kind.POSTGRESQL, temp.resolve("setup")));
        store.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        store.put("WALLET_MANAGEMENT_PORT", "0");
        config = TestStores.fastConfigFile(temp, settings);
        CliRunner setup = new CliRunner(node("setup")).withConfig(config);
        assertThat(setup.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        setup.ok("wallets", "create", "--count", Integer.toString(WALLETS));
    }

    /** An instance's environment: the shared store, its own data and backup directories. */
    Map<String, String> node(String name) {
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_DATA_DIR", temp.resolve(name).toString());
        env.put("WALLET_BACKUP_PATH", backups(name).toString());
        return env;
    }

    Path backups(String node) {
        return temp.resolve(node).resolve("backups");
    }

    CliProcess startService(String name) throws IOException {
        return CliProcess.start(node(name), "run", "--config", config.toString());
    }

    static void awaitStarted(CliProcess service) throws InterruptedException {
        assertThat(service.awaitStderrLine(line -> line.contains("(wallet-backup) started"), STARTUP))
                .as("the service started; its output:%n%s", service.stderr()).isTrue();
    }

    @Test
    void eachSlotMakesOneBackupOnOneInstanceAndTheSurvivorOfAKillCarriesOn() throws Exception {
        // a dead instance is noticed within a second plus Quartz's fixed 7.5 s, not 7.5 s plus 7.5 s
        install(Map.of(WalletConfig.FULL_SCHEDULE, "0/3 * * * * ?", WalletConfig.INCREMENTAL_SCHEDULE, "0 0 0 1 1 ?",
                WalletConfig.CLUSTER_CHECKIN, "1000"));
        CliProcess a = startService("a");
        CliProcess b = startService("b");
        try {
            awaitStarted(a);
            awaitStarted(b);
            Instant watchFrom = Instant.now();
            // counted from when both ran: on a loaded machine the first to start makes backups alone for a while
            await("backups in five slots since both ran", () -> slots(catalog().stream()
                    .filter(backup -> backup.createdAt().isAfter(watchFrom)).toList()).size() >= 5);
            List<Backup> beforeKill = catalog();
            assertOneBackupPerSlot(beforeKill);
            assertEveryBackupIsOneFileOnOneInstance(beforeKill, List.of());

            // the instance writing a backup now: its staged file is in its directory, it holds the lock; the staged
            // names are the ones seen then (read again later, the backup may have been published in between)
            Map<String, Long> pids = Map.of("a", a.pid(), "b", b.pid());
            Writing writing = await("an instance in the middle of a backup", () -> writing(pids));
            String running = writing.node();
            CliProcess victim = running.equals("a") ? a : b;
            CliProcess survivor = running.equals("a") ? b : a;
            String survivorName = running.equals("a") ? "b" : "a";
            long victimPid = victim.pid();
            List<String> writingBeforeKill = writing.staged();
            victim.kill();
            Instant killedAt = Instant.now();

            await("the killed instance's advisory lock released",
                    () -> sessions().backupLockHolders().stream()
                            .noneMatch(holder -> holder.endsWith(" pid " + victimPid)));
            await("a backup by the survivor after the kill", () -> catalog().stream().anyMatch(backup -> backup
                    .createdAt().isAfter(killedAt) && Files.exists(backups(survivorName).resolve(backup.file()))));
            assertThat(survivor.isAlive()).isTrue();
            // the survivor stopped as an operator stops it (it finishes the backup in hand): what follows compares
            // directories with the catalog, which a survivor still making a backup every three seconds would outrun
            survivor.terminate();
            assertThat(survivor.await(STARTUP).exitCode()).as("the survivor's exit; its output:%n%s", survivor.stderr())
                    .isZero();
            List<Backup> afterKill = catalog();
            assertOneBackupPerSlot(afterKill);
            // the kill lands while the backup writes (it stays unfinished, never published) or, on a slow machine,
            // just after it was published whole, and then maybe before the catalog recorded it (files first, catalog
            // last): a file of the killed instance's that the catalog lacks must be the backup it was writing;
            // verify --all below proves every published file either way
            Set<String> catalogued = afterKill.stream().map(Backup::file).collect(Collectors.toSet());
            List<String> publishedNotCatalogued = backupFiles(running).stream()
                    .filter(file -> !catalogued.contains(file)).toList();
            assertThat(publishedNotCatalogued).as("published by the killed instance, not in the catalog")
                    .isSubsetOf(writingBeforeKill.stream().map(ClusteredServiceTest::publishedName).toList());
            assertEveryBackupIsOneFileOnOneInstance(afterKill, publishedNotCatalogued);
            Set<String> publishedAfterKill = new HashSet<>(catalogued);
            publishedAfterKill.addAll(publishedNotCatalogued);
            // unfinished: a staged file is left, or the backup file is in place without its manifest (the manifest
            // is renamed into place last, so a kill between the two renames leaves the file without it)
            List<String> fileWithoutManifest = writingBeforeKill.stream().map(ClusteredServiceTest::publishedName)
                    .filter(file -> !publishedAfterKill.contains(file))
                    .filter(file -> Files.exists(backups(running).resolve(file))).toList();
            boolean leftUnfinished = !stagedFiles(running).isEmpty() || !fileWithoutManifest.isEmpty();
            assertThat(leftUnfinished ? List.of() : writingBeforeKill.stream()
                    .filter(staged -> !publishedAfterKill.contains(publishedName(staged))).toList())
                    .as("what the killed backup was writing stays unfinished, or was published whole before the kill")
                    .isEmpty();

            CliRunner operator = new CliRunner(node("operator")).withConfig(config);
            for (String name : List.of("a", "b")) {
                Result verify = operator.run("backup", "verify", "--all", "--source", backups(name).toString());
                assertThat(verify.exitCode()).as("verify %s: %s%s", name, verify.stdout(), verify.stderr()).isZero();
                Set<String> listed = new TreeSet<>();
                operator.ok("backup", "list", "--json", "--source", backups(name).toString()).json().get("backups")
                        .forEach(manifest -> listed.add(manifest.get("fileName").asText()));
                assertThat(listed).as("the backups in %s", name).isEqualTo(publishedAfterKill.stream()
                        .filter(file -> Files.exists(backups(name).resolve(file)))
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
            // the chain in the killed instance's directory, beside its unfinished file, restores
            Map<String, String> fresh = new HashMap<>(Map.of("WALLET_DATA_DIR", temp.resolve("restored").toString(),
                    "WALLET_BACKUP_PASSWORD", PASSWORD, "WALLET_MANAGEMENT_PORT", "0"));
            CliRunner restored = new CliRunner(fresh).withConfig(config);
            Result restore = restored.run("restore", "--source", backups(running).toString(), "--json");
            assertThat(restore.exitCode()).as(restore.stdout() + restore.stderr()).isZero();
            assertThat(restored.ok("wallets", "list", "--json").json()).hasSize(WALLETS);
        } finally {
            a.kill();
            b.kill();
        }
    }

    @Test
    void twoBackupCommandsOnOneStoreTakeTurnsAndOneThatWaitsInVainNamesTheHolder() throws Exception {
        install(Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
        WalletConfig settings = TestStores.config(node("test"));
        PostgresAdvisoryLock maintenance = new PostgresAdvisoryLock(settings.dbUrl(), settings.dbUser(),
                settings.dbPassword(), "maintenance-by-test");
        assertThat(maintenance.tryAcquire()).isTrue();
        List<CliProcess> backups = new ArrayList<>();
        try {
            for (String name : List.of("first", "second")) {
                backups.add(CliProcess.start(node(name), "backup", "full", "--json", "--config", config.toString()));
            }
            Path shortWait = TestStores.fastConfigFile(Files.createDirectories(temp.resolve("short")),
                    Map.of(WalletConfig.SCHEDULE_ENABLED, "false", WalletConfig.LOCK_TIMEOUT, "1"));
            Result refused = new CliRunner(node("impatient")).withConfig(shortWait).run("backup", "full");
            assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(1);
            assertThat(refused.stderr()).contains("another backup, restore, prune or rekey is running (on "
                    + "maintenance-by-test").contains("PostgreSQL advisory lock " + PostgresAdvisoryLock.KEY)
                    .contains("Try again when it has finished");
            for (CliProcess backup : backups) {
                await("backup process " + backup.pid() + " asks for the lock", () -> sessions().applicationNames()
                        .stream().anyMatch(name -> name.endsWith(" pid " + backup.pid())));
            }
        } finally {
            maintenance.release();
        }
        List<Result> results = new ArrayList<>();
        for (CliProcess backup : backups) {
            Result result = backup.await(STARTUP);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            results.add(result);
        }
        Instant firstStart = Instant.parse(results.get(0).json().get("createdAt").asText());
        Instant secondStart = Instant.parse(results.get(1).json().get("createdAt").asText());
        Instant firstEnd = firstStart.plusMillis(results.get(0).json().get("durationMs").asLong());
        Instant secondEnd = secondStart.plusMillis(results.get(1).json().get("durationMs").asLong());
        assertThat(!firstEnd.isAfter(secondStart) || !secondEnd.isAfter(firstStart))
                .as("one backup ran after the other: %s", results).isTrue();
        assertThat(catalog()).hasSize(2);
    }

    record Backup(String id, String file, Instant createdAt) {
    }

    /** At most one backup per three-second slot (by when it started), whichever instance made it. */
    static void assertOneBackupPerSlot(List<Backup> backups) {
        Map<Long, List<String>> bySlot = new TreeMap<>();
        for (Backup backup : backups) {
            bySlot.computeIfAbsent(backup.createdAt().toEpochMilli() / SLOT_MILLIS, slot -> new ArrayList<>())
                    .add(backup.id() + "@" + backup.createdAt());
        }
        assertThat(bySlot.values()).as("backups by slot").allSatisfy(slot -> assertThat(slot).hasSize(1));
    }

    static Set<Long> slots(List<Backup> backups) {
        return backups.stream().map(backup -> backup.createdAt().toEpochMilli() / SLOT_MILLIS)
                .collect(Collectors.toSet());
    }

    /**
     * Each backup in the catalog is a file, with its manifest, in exactly one instance's directory, and no more but
     * {@code notCatalogued}.
     */
    void assertEveryBackupIsOneFileOnOneInstance(List<Backup> backups, List<String> notCatalogued) throws IOException {
        List<String> files = new ArrayList<>();
        for (String node : List.of("a", "b")) {
            files.addAll(backupFiles(node));
        }
        List<String> expected = new ArrayList<>(notCatalogued);
        backups.forEach(backup -> expected.add(backup.file()));
        assertThat(files).containsExactlyInAnyOrderElementsOf(expected);
    }

    List<String> backupFiles(String node) throws IOException {
        if (!Files.isDirectory(backups(node))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups(node))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".wbk") && !name.startsWith("."))
                    .filter(name -> Files.exists(backups(node).resolve(name.replaceAll("\\.wbk$", ".manifest.json"))))
                    .toList();
        }
    }

    /** The staged files of a backup being written in the node's directory. */
    List<String> stagedFiles(String node) throws IOException {
        if (!Files.isDirectory(backups(node))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups(node))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith(".wallet-backup-")).toList();
        }
    }

    /** The backup file a staged file belongs to: {@code .NAME.wbk.tmp}, {@code .NAME.manifest.json.tmp} → {@code NAME.wbk}. */
    static String publishedName(String staged) {
        return staged.substring(1).replaceFirst("\\.(tmp|part)$", "").replaceFirst("\\.manifest\\.json$", ".wbk");
    }

    /** A node writing a backup, and the staged files seen in its directory. */
    record Writing(String node, List<String> staged) {
    }

    /** The node writing a backup now (staged files in its directory, the backup lock held by its process), or null. */
    Writing writing(Map<String, Long> pids) throws IOException, SQLException {
        for (String node : List.of("a", "b")) {
            List<String> staged = stagedFiles(node);
            if (!staged.isEmpty() && sessions().backupLockHolders().stream()
                    .anyMatch(holder -> holder.endsWith(" pid " + pids.get(node)))) {
                return new Writing(node, staged);
            }
        }
        return null;
    }

    List<Backup> catalog() throws SQLException {
        List<Backup> backups = new ArrayList<>();
        try (Connection connection = sessions().connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT backup_id, file_name, created_at FROM wallet.backup_catalog ORDER BY created_at");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                backups.add(new Backup(rows.getString(1), rows.getString(2),
                        rows.getObject(3, java.time.OffsetDateTime.class).toInstant()));
            }
        }
        return backups;
    }

    PostgresSessions sessions() {
        return new PostgresSessions(store.get("WALLET_DB_URL"), store.get("WALLET_DB_USER"),
                store.get("WALLET_DB_PASSWORD"));
    }

    /** Real state, read again until it gives an answer (true, or a value that is not null). */
    interface Probe<T> {
        T read() throws Exception;
    }

    static <T> T await(String what, Probe<T> probe) {
        return Awaitility.await(what).atMost(STARTUP).until(probe::read,
                value -> value != null && !Boolean.FALSE.equals(value));
    }
}
