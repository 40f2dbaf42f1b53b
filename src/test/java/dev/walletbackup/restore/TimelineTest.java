package dev.walletbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.Disaster;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.WalletListing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A point-in-time restore abandons the backups made after its target: the store goes on from an older state, and
 * its change sequence continues from the restored high-water mark, so the new history's marks are lower than the
 * abandoned one's. "Newest" must then mean the head of the newest timeline, never the highest mark.
 */
class TimelineTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Timeline-Drill-Pass-1!";

    @TempDir
    Path temp;

    CliRunner runner(Map<String, String> store) throws IOException {
        return runner(store, null);
    }

    /** With {@code backups} as the backup directory (null: the data directory's own). */
    CliRunner runner(Map<String, String> store, Path backups) throws IOException {
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        if (backups != null) {
            env.put("WALLET_BACKUP_PATH", backups.toString());
        }
        return new CliRunner(env).withConfig(TestStores.fastConfigFile(Files.createDirectories(temp.resolve("config")),
                Map.of()));
    }

    /** A store with a full (3 wallets) and an incremental (5 more) on its first timeline; returns their ids. */
    record FirstTimeline(CliRunner cli, String full, String incremental, long incrementalMark, String timelineId) {
    }

    FirstTimeline firstTimeline(Kind kind) throws IOException {
        return firstTimeline(kind, null);
    }

    FirstTimeline firstTimeline(Kind kind, Path backups) throws IOException {
        CliRunner cli = runner(TestStores.environment(kind, temp.resolve("store")), backups);
        assertThat(cli.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        cli.ok("wallets", "create", "--count", "3");
        String full = cli.ok("backup", "full", "--json").json().get("id").asText();
        cli.ok("wallets", "create", "--count", "5", "--prefix", "later-");
        JsonNode incremental = cli.ok("backup", "incremental", "--json").json();
        assertThat(incremental.get("type").asText()).isEqualTo("incremental");
        String timelineId = cli.ok("backup", "list", "--json").json().get(0).get("timelineId").asText();
        return new FirstTimeline(cli, full, incremental.get("id").asText(), incremental.get("highWaterMark").asLong(),
                timelineId);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void afterAPointInTimeRestoreAPlainRestorePicksTheNewTimelineNotTheHigherMarksOfTheAbandonedOne(Kind kind)
            throws IOException {
        Path shared = temp.resolve("shared-backups");
        FirstTimeline first = firstTimeline(kind, shared);
        AtomicFiles.deleteTree(temp.resolve("store"));

        CliRunner second = runner(TestStores.environment(kind, temp.resolve("second")), shared);
        JsonNode pitr = second.ok("restore", "--source", shared.toString(), "--backup", first.full(), "--json").json();
        String newTimeline = pitr.get("timeline").get("id").asText();
        assertThat(pitr.get("timeline").get("branchedFrom").asText()).isEqualTo(first.full());
        assertThat(pitr.get("timeline").get("parentId").isTextual()).isTrue();
        assertThat(pitr.get("warnings").get(0).asText()).isEqualTo("backup " + first.full() + " is not the newest of "
                + "its timeline: this point-in-time restore leaves behind 1 later backup(s), up to " + first.incremental()
                + " of " + createdAt(shared, first.incremental()) + "; it starts timeline " + newTimeline
                + ", which plain restores take from now on");
        String firstOfNewTimeline = pitr.get("firstBackupId").asText();

        second.ok("wallets", "create", "--agent", "after-pitr");
        JsonNode newFull = second.ok("backup", "full", "--json").json();
        String newHead = newFull.get("id").asText();
        assertThat(newFull.get("highWaterMark").asLong())
                .as("the change sequence went on from the restored mark: ordering by mark would pick the abandoned one")
                .isLessThan(first.incrementalMark());

        JsonNode listed = second.ok("backup", "list", "--source", shared.toString(), "--json").json();
        JsonNode installation = listed.get("installations").get(0);
        assertThat(installation.get("newestId").asText()).isEqualTo(newHead);
        assertThat(installation.get("timelines")).hasSize(2);
        assertThat(listed.get("warnings").toString()).contains("was abandoned by the point-in-time restore of backup "
                + first.full());
        CliRunner.Result listedText = second.ok("backup", "list", "--source", shared.toString());
        assertThat(listedText.stdout()).contains("Timeline " + newTimeline).contains(", the newest:");
        assertThat(listedText.stderr()).contains("warning: installation ").contains("has more than one timeline head");

        JsonNode verified = second.ok("backup", "verify", "--json").json();
        List<String> verifiedIds = new ArrayList<>();
        verified.get("backups").forEach(result -> verifiedIds.add(result.get("id").asText()));
        assertThat(verifiedIds).containsExactly(newHead);
        assertThat(verified.get("warnings").toString()).contains("The newest is backup " + newHead);

        JsonNode at = second.ok("restore", "--at", "2100-01-01T00:00:00Z", "--dry-run", "--json").json();
        assertThat(at.get("target").asText()).isEqualTo(newHead);

        CliRunner third = runner(TestStores.environment(kind, temp.resolve("third")), temp.resolve("third-backups"));
        JsonNode plain = third.ok("restore", "--source", shared.toString(), "--json").json();
        assertThat(plain.get("target").asText()).isEqualTo(newHead);
        assertThat(plain.get("chain")).hasSize(1);
        assertThat(plain.get("restored").get("wallets").asLong()).as("3 from the first full, then after-pitr").isEqualTo(4);
        assertThat(plain.get("digestMatch").asBoolean()).isTrue();
        assertThat(plain.get("warnings").toString()).contains("the head of timeline " + first.timelineId())
                .contains("The newest is backup " + newHead + " of timeline " + newTimeline);
        assertThat(firstOfNewTimeline).isNotEqualTo(newHead);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPointInTimeRestoreReservesTheIndicesOfTheNewerBackupsItLeavesBehind(Kind kind) throws IOException {
        FirstTimeline first = firstTimeline(kind);
        CliRunner cli = first.cli();
        List<String> later = WalletListing.evmAddresses(cli.ok("wallets", "list", "--json").json(), "later-");

        JsonNode pitr = cli.ok("restore", "--backup", first.full(), "--force", "--json").json();
        assertThat(pitr.get("reservedIndices").get("highestRestoredIndex").asLong()).isEqualTo(2);
        assertThat(pitr.get("reservedIndices").get("highestReservedInBackups").asLong())
                .as("the incremental after the target holds indices 3..7").isEqualTo(7);
        assertThat(pitr.get("reservedIndices").get("reservedThrough").asLong()).isEqualTo(27);

        Path copy = Disaster.keepBackupsAndDestroy(temp.resolve("store"), temp.resolve("copy"));
        CliRunner fresh = runner(TestStores.environment(kind, temp.resolve("fresh")));
        JsonNode again = fresh.ok("restore", "--source", copy.toString(), "--backup", first.full(), "--json").json();
        assertThat(again.get("reservedIndices").get("highestReservedInBackups").asLong())
                .as("every timeline counts: the first backup of the PITR's timeline reserves through 27").isEqualTo(27);
        JsonNode next = fresh.ok("wallets", "create", "--agent", "next", "--json").json();
        assertThat(next.get("derivationIndex").asInt()).isEqualTo(48);
        assertThat(later).doesNotContain(next.get("evmAddress").asText());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aManifestThatClaimsAnotherReservationIsOverruledByItsAuthenticatedHeader(Kind kind) throws IOException {
        FirstTimeline first = firstTimeline(kind);
        editIncrementalManifest(first, node -> node.put("reservedThrough", 2_000_000_000L));

        JsonNode dryRun = first.cli().ok("restore", "--backup", first.full(), "--dry-run", "--json").json();
        assertThat(dryRun.get("reservedIndices").get("highestReservedInBackups").asLong()).isEqualTo(7);
        assertThat(dryRun.get("warnings").toString()).contains("backup " + first.incremental()
                + "'s manifest claims derivation indices reserved through 2000000000 but its authenticated header "
                + "says 7: the manifest was altered");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anIncrementalWhoseManifestStateDigestWasRewrittenIsRefusedAndTheStoreIsUntouched(Kind kind)
            throws IOException {
        FirstTimeline first = firstTimeline(kind);
        editIncrementalManifest(first, node -> node.put("stateDigest", "0".repeat(64)));
        Path copy = Disaster.keepBackupsAndDestroy(temp.resolve("store"), temp.resolve("copy"));

        CliRunner fresh = runner(TestStores.environment(kind, temp.resolve("fresh")));
        CliRunner.Result refused = fresh.run("restore", "--source", copy.toString(), "--backup", first.incremental());
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.stderr()).contains(first.incremental()).contains("its manifest's state digest differs from "
                + "the file's authenticated content");
        if (kind == Kind.H2) {
            assertThat(fresh.run("wallets", "list").exitCode()).as("no store was left behind").isEqualTo(5);
        } else {
            assertThat(fresh.ok("wallets", "list", "--json").json()).as("the database holds no wallet").isEmpty();
        }
    }

    private static String createdAt(Path backups, String id) throws IOException {
        return WalletJson.mapper().readTree(manifestOf(backups, id).toFile()).get("createdAt").asText();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRestoreDrillOfTheNewestBackupLeavesNothingBehindAndProductionStaysTheNewest(Kind kind) throws IOException {
        Path shared = temp.resolve("shared-backups");
        FirstTimeline production = firstTimeline(kind, shared);
        List<String> before = fileNames(shared);

        CliRunner drill = runner(Map.of("WALLET_DATA_DIR", temp.resolve("drill").toString()), shared);
        JsonNode drilled = drill.ok("restore", "--source", shared.toString(), "--json").json();
        assertThat(drilled.get("target").asText()).isEqualTo(production.incremental());
        assertThat(drilled.get("firstBackupId").isNull()).as("a restore of the newest abandons nothing").isTrue();
        assertThat(fileNames(shared)).as("the drill wrote nothing into production's directory").isEqualTo(before);

        production.cli().ok("wallets", "create", "--agent", "after-drill");
        String newest = production.cli().ok("backup", "incremental", "--json").json().get("id").asText();
        CliRunner disasterRecovery = runner(TestStores.environment(kind, temp.resolve("recovered")),
                temp.resolve("recovered-backups"));
        assertThat(disasterRecovery.ok("restore", "--source", shared.toString(), "--json").json().get("target")
                .asText()).isEqualTo(newest);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoStoresOfOneSeedBackingUpIntoOneDirectoryAreToldAboutEachOther(Kind kind) throws IOException {
        Path shared = temp.resolve("shared-backups");
        FirstTimeline first = firstTimeline(kind, shared);
        CliRunner other = runner(Map.of("WALLET_DATA_DIR", temp.resolve("other").toString()), shared);
        JsonNode restored = other.ok("restore", "--source", shared.toString(), "--backup", first.full(), "--json").json();
        String otherTimeline = restored.get("timeline").get("id").asText();

        JsonNode original = first.cli().ok("backup", "incremental", "--json").json();
        assertThat(original.get("note").asText()).contains("another store of installation")
                .contains("its backup " + restored.get("firstBackupId").asText())
                .contains("timeline " + otherTimeline).contains("their agents' new wallets may share addresses");
        JsonNode fromOther = other.ok("backup", "full", "--json").json();
        assertThat(fromOther.get("note").asText()).contains("its backup " + original.get("id").asText());
        assertThat(other.ok("backup", "list", "--source", shared.toString()).stderr())
                .contains("2 timelines went on separately");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aManifestThatLowersItsReservationIsOverruledByItsFilesHeader(Kind kind) throws IOException {
        FirstTimeline first = firstTimeline(kind);
        editIncrementalManifest(first, node -> node.put("reservedThrough", 0));

        JsonNode dryRun = first.cli().ok("restore", "--backup", first.full(), "--dry-run", "--json").json();
        assertThat(dryRun.get("reservedIndices").get("highestReservedInBackups").asLong()).isEqualTo(7);
        assertThat(dryRun.get("warnings").toString()).contains("backup " + first.incremental()
                + "'s manifest claims derivation indices reserved through 0 but its authenticated header says 7");
    }

    /** Rewrites the first timeline's incremental manifest as someone with write access to the directory could. */
    private void editIncrementalManifest(FirstTimeline first, Consumer<ObjectNode> edit) throws IOException {
        Path manifest = manifestOf(temp.resolve("store").resolve("backups"), first.incremental());
        ObjectNode node = (ObjectNode) WalletJson.mapper().readTree(manifest.toFile());
        edit.accept(node);
        Files.write(manifest, WalletJson.mapper().writeValueAsBytes(node));
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static Path manifestOf(Path backups, String id) throws IOException {
        try (Stream<Path> files = Files.list(backups)) {
            return files.filter(file -> file.getFileName().toString().endsWith(id + ".manifest.json")).findFirst()
                    .orElseThrow();
        }
    }
}
