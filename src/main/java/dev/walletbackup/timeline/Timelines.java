package dev.walletbackup.timeline;

import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The timelines of one installation's backups in a source, and which backup is the newest
 * (docs/backup-format.md, section 11). High-water marks are compared only within a timeline: after a
 * point-in-time restore the change sequence continues from the restored mark, so the new history's marks are
 * lower than those of the one it abandoned. Version-1 backups, which carry no timeline, form one legacy timeline,
 * older than every other and the parent of every timeline whose parent is not in the source.
 */
public final class Timelines {
    /** The name the legacy timeline (version-1 backups) goes by in listings. */
    public static final String LEGACY = "version-1";

    /** One timeline of the source, its backups oldest first; {@code timeline} is null for the legacy one. */
    public record Line(Timeline timeline, List<BackupManifest> backups) {
        public String id() {
            return timeline == null ? LEGACY : timeline.id();
        }

        Instant startedAt() {
            return timeline == null ? Instant.EPOCH : timeline.startedInstant();
        }

        /** The backup with the highest high-water mark, then the latest creation time. */
        public BackupManifest head() {
            return backups.get(backups.size() - 1);
        }

        /** The timeline in a few words, for listings and warnings. */
        public String describe() {
            return timeline == null ? LEGACY + " (backups made before timelines, format version 1)" : timeline.describe();
        }
    }

    private static final Comparator<BackupManifest> WITHIN_A_TIMELINE = Comparator
            .comparingLong(BackupManifest::highWaterMark).thenComparing(BackupManifest::createdInstant)
            .thenComparing(BackupManifest::id);

    private final List<Line> lines;

    private Timelines(List<Line> lines) {
        this.lines = lines;
    }

    /** The timelines of {@code installation}: the backups of one seed fingerprint. */
    public static Timelines of(List<BackupManifest> installation) {
        Map<String, List<BackupManifest>> byTimeline = installation.stream().collect(Collectors.groupingBy(
                manifest -> manifest.timeline() == null ? LEGACY : manifest.timeline().id(), LinkedHashMap::new,
                Collectors.toList()));
        List<Line> lines = new ArrayList<>();
        byTimeline.values().forEach(backups -> {
            List<BackupManifest> sorted = backups.stream().sorted(WITHIN_A_TIMELINE).toList();
            lines.add(new Line(sorted.get(0).timeline(), sorted));
        });
        lines.sort(Comparator.comparing(Line::startedAt).thenComparing(Line::id));
        return new Timelines(List.copyOf(lines));
    }

    /** Every timeline, the oldest-started first. */
    public List<Line> lines() {
        return lines;
    }

    /** The head of the newest live timeline: what a restore without --backup takes. */
    public BackupManifest newest() {
        return newestLine().head();
    }

    /** The live timeline (no other names it as parent) that started last. */
    public Line newestLine() {
        Set<String> parents = lines.stream().map(this::parentOf).filter(parent -> parent != null)
                .collect(Collectors.toSet());
        return lines.stream().filter(line -> !parents.contains(line.id())).reduce((older, newer) -> newer)
                .orElseThrow(() -> new IllegalStateException("no backups"));
    }

    /**
     * The heads that a restore would leave behind or choose between: each timeline's head, except a head from which
     * another timeline of the source was restored (that history goes on; nothing was abandoned there), and the
     * legacy head when a store's first timeline follows it (the store was upgraded and went on).
     */
    public List<Line> withHeads() {
        Set<String> branchPoints = lines.stream().filter(line -> line.timeline() != null)
                .map(line -> line.timeline().branchedFrom()).filter(id -> id != null).collect(Collectors.toSet());
        boolean upgraded = lines.stream().anyMatch(line -> line.timeline() != null
                && line.timeline().branchedFrom() == null);
        return lines.stream().filter(line -> !branchPoints.contains(line.head().id()))
                .filter(line -> !(line.timeline() == null && upgraded)).toList();
    }

    /**
     * The operator's warning when the installation holds more than one head, or null: which heads, and which one
     * a restore takes.
     */
    public String severalHeadsWarning() {
        List<Line> heads = withHeads();
        if (heads.size() < 2) {
            return null;
        }
        Line newest = newestLine();
        return heads.size() + " timeline heads for installation " + newest.head().seedFingerprint() + ": "
                + heads.stream().map(line -> "backup " + line.head().id() + " of " + line.head().createdAt()
                        + " heads timeline " + line.describe()).collect(Collectors.joining("; "))
                + ". The newest timeline is " + newest.id() + ", so its head " + newest.head().id() + " is taken; "
                + "the others were abandoned by a point-in-time restore (or two restores went on separately): "
                + "name one with --backup ID to take it instead";
    }

    /**
     * What restoring {@code target} leaves behind: the later backups of its own timeline. A restore of one of them
     * starts a new timeline, and from then on plain restores take that one.
     */
    public List<BackupManifest> laterInItsTimeline(BackupManifest target) {
        return lines.stream().filter(line -> line.backups().contains(target)).findFirst()
                .map(line -> line.backups().subList(line.backups().indexOf(target) + 1, line.backups().size()))
                .orElse(List.of());
    }

    /** The timeline a backup's manifest names as its parent: the legacy one for a timeline whose parent is absent. */
    private String parentOf(Line line) {
        if (line.timeline() == null) {
            return null;
        }
        String parent = line.timeline().parentId();
        boolean present = parent != null && lines.stream().anyMatch(other -> other.id().equals(parent));
        return present ? parent : LEGACY;
    }
}
