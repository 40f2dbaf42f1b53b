package dev.walletbackup.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.format.BackupCounts;
import dev.walletbackup.backup.format.BackupFileName;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.backup.format.Timeline;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which backup is the newest when a source holds several timelines (docs/backup-format.md, section 11). */
class TimelinesTest {
    static final Timeline FIRST = new Timeline("000000000000000a", "2026-11-01T00:00:00.000Z", null, null);

    static BackupManifest backup(String id, Timeline timeline, long mark, String createdAt) {
        Instant created = Instant.parse(createdAt);
        return new BackupManifest(timeline == null ? 1 : 2, id, BackupType.FULL, null, id, createdAt, 0, mark,
                "0a1b2c3d", timeline, timeline == null ? null : 5L, new BackupCounts(1, 1, 0, 0), 10, "0".repeat(64),
                "0".repeat(64), "0".repeat(64), BackupFileName.of(created, BackupType.FULL, id));
    }

    @Test
    void withinOneTimelineTheHighestMarkIsTheNewest() {
        BackupManifest older = backup("0000000000000001", FIRST, 10, "2026-11-02T00:00:00.000Z");
        BackupManifest newer = backup("0000000000000002", FIRST, 20, "2026-11-03T00:00:00.000Z");
        Timelines timelines = Timelines.of(List.of(newer, older));
        assertThat(timelines.newest()).isEqualTo(newer);
        assertThat(timelines.severalHeadsWarning()).isNull();
        assertThat(timelines.laterInItsTimeline(older)).containsExactly(newer);
    }

    @Test
    void aPointInTimeRestoreAbandonsTheLaterBackupsAndItsLowerMarksAreTheNewest() {
        BackupManifest target = backup("0000000000000001", FIRST, 10, "2026-11-02T00:00:00.000Z");
        BackupManifest abandoned = backup("0000000000000002", FIRST, 90, "2026-11-03T00:00:00.000Z");
        Timeline second = new Timeline("000000000000000b", "2026-11-04T00:00:00.000Z", FIRST.id(), target.id());
        BackupManifest goingOn = backup("0000000000000003", second, 12, "2026-11-05T00:00:00.000Z");
        Timelines timelines = Timelines.of(List.of(target, abandoned, goingOn));
        assertThat(timelines.newest()).isEqualTo(goingOn);
        assertThat(timelines.abandonedBy(timelines.lines().get(0))).map(Timelines.Line::id).contains(second.id());
        assertThat(timelines.liveHeads()).extracting(Timelines.Line::head).containsExactly(goingOn);
        assertThat(timelines.severalHeadsWarning()).startsWith("installation 0a1b2c3d has more than one timeline head: "
                + "backup " + abandoned.id() + " of 2026-11-03T00:00:00.000Z, the head of timeline " + FIRST.id()
                + ", was abandoned by the point-in-time restore of backup " + target.id()).doesNotContain("separately");
    }

    @Test
    void aRestoreOfTheNewestBackupContinuesItsHistoryWithoutASecondHead() {
        BackupManifest head = backup("0000000000000001", FIRST, 10, "2026-11-02T00:00:00.000Z");
        Timeline second = new Timeline("000000000000000b", "2026-11-04T00:00:00.000Z", FIRST.id(), head.id());
        BackupManifest next = backup("0000000000000002", second, 10, "2026-11-05T00:00:00.000Z");
        Timelines timelines = Timelines.of(List.of(head, next));
        assertThat(timelines.newest()).isEqualTo(next);
        assertThat(timelines.severalHeadsWarning()).isNull();
    }

    @Test
    void aHistoryThatWentOnAfterARestoreDrillFromItStaysTheNewest() {
        BackupManifest head = backup("0000000000000001", FIRST, 10, "2026-11-02T00:00:00.000Z");
        Timeline drill = new Timeline("000000000000000b", "2026-11-03T00:00:00.000Z", FIRST.id(), head.id());
        BackupManifest drillBackup = backup("0000000000000002", drill, 10, "2026-11-03T00:00:01.000Z");
        BackupManifest production = backup("0000000000000003", FIRST, 40, "2026-11-04T00:00:00.000Z");
        Timelines timelines = Timelines.of(List.of(head, drillBackup, production));
        assertThat(timelines.newest()).isEqualTo(production);
        assertThat(timelines.severalHeadsWarning()).contains("2 timelines went on separately");
    }

    @Test
    void aMachineThatKeptRunningAfterAPointInTimeRestoreElsewhereIsNotAbandonedButWarnedOf() {
        BackupManifest target = backup("0000000000000001", FIRST, 10, "2026-11-02T00:00:00.000Z");
        BackupManifest later = backup("0000000000000002", FIRST, 20, "2026-11-03T00:00:00.000Z");
        Timeline restored = new Timeline("000000000000000b", "2026-11-04T00:00:00.000Z", FIRST.id(), target.id());
        BackupManifest restoredHead = backup("0000000000000003", restored, 11, "2026-11-04T00:00:01.000Z");
        BackupManifest oldMachine = backup("0000000000000004", FIRST, 30, "2026-11-05T00:00:00.000Z");
        Timelines timelines = Timelines.of(List.of(target, later, restoredHead, oldMachine));
        assertThat(timelines.abandonedBy(timelines.lines().get(0))).isEmpty();
        assertThat(timelines.newest()).isEqualTo(oldMachine);
        assertThat(timelines.severalHeadsWarning()).contains("2 timelines went on separately")
                .contains("their new wallets may share addresses");
    }

    @Test
    void versionOneBackupsAreOneTimelineOlderThanEveryOther() {
        BackupManifest legacy = backup("0000000000000001", null, 500, "2026-11-02T00:00:00.000Z");
        BackupManifest upgraded = backup("0000000000000002", FIRST, 3, "2026-11-05T00:00:00.000Z");
        Timelines timelines = Timelines.of(List.of(legacy, upgraded));
        assertThat(timelines.newest()).isEqualTo(upgraded);
        assertThat(timelines.lines()).extracting(Timelines.Line::id).containsExactly(Timelines.LEGACY, FIRST.id());
        assertThat(timelines.severalHeadsWarning()).as("the upgrade abandons nothing").isNull();
    }

    @Test
    void aPointInTimeRestoreOfAVersionOneBackupAbandonsTheLaterVersionOneBackups() {
        BackupManifest target = backup("0000000000000001", null, 10, "2026-11-02T00:00:00.000Z");
        BackupManifest later = backup("0000000000000002", null, 50, "2026-11-03T00:00:00.000Z");
        Timeline restored = new Timeline("000000000000000b", "2026-11-04T00:00:00.000Z", null, target.id());
        BackupManifest restoredHead = backup("0000000000000003", restored, 11, "2026-11-05T00:00:00.000Z");
        Timelines timelines = Timelines.of(List.of(target, later, restoredHead));
        assertThat(timelines.newest()).isEqualTo(restoredHead);
        assertThat(timelines.severalHeadsWarning()).contains("was abandoned by the point-in-time restore of backup "
                + target.id());
    }
}
