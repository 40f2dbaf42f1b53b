package dev.walletbackup.timeline;

import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The timelines of one installation's backups in a source, and which backup is the newest
 * (docs/backup-format.md, section 11). High-water marks are compared only within a timeline: after a
 * point-in-time restore the change sequence continues from the restored mark, so the new history's marks are
 * lower than those of the one it abandoned. A timeline is <em>abandoned</em> when a point-in-time restore branched
 * from one of its backups older than its head at the time, and it made no backup after that; the newest backup is
 * the most recently made head of the timelines that are not abandoned. Version-1 backups, which carry no timeline,
 * form one legacy timeline, the parent of every timeline whose parent is not in the source.
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

        /** Its head as it was at {@code instant}: the last of its backups made by then. */
        Optional<BackupManifest> headAt(Instant instant) {
            return backups.stream().filter(backup -> !backup.createdInstant().isAfter(instant))
                    .reduce((older, newer) -> newer);
        }

        boolean madeBackupsAfter(Instant instant) {
            return backups.stream().anyMatch(backup -> backup.createdInstant().isAfter(instant));
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

    /** What a restore without --backup takes: the most recently made head of the timelines not abandoned. */
    public BackupManifest newest() {
        return newestLine().head();
    }

    /** The timeline of {@link #newest()}. */
    public Line newestLine() {
        return lines.stream().filter(line -> abandonedBy(line).isEmpty())
                .max(Comparator.comparing((Line line) -> line.head().createdInstant()).thenComparing(Line::startedAt)
                        .thenComparing(Line::id))
                .orElseThrow(() -> new IllegalStateException("every timeline is abandoned, which cannot be"));
    }

    /**
     * The point-in-time restore that abandoned {@code line}: a child timeline branched from a backup older than
     * the line's head at the time, after which the line made no backup. Empty when the line goes on.
     */
    public Optional<Line> abandonedBy(Line line) {
        return children(line).stream().filter(child -> {
            Instant branched = child.startedAt();
            String headThen = line.headAt(branched).map(BackupManifest::id).orElse(null);
            return headThen != null && !headThen.equals(child.timeline().branchedFrom())
                    && !line.madeBackupsAfter(branched);
        }).findFirst();
    }

    /**
     * The live heads: the heads of the timelines not abandoned, except a head from which another timeline was
     * restored and which made nothing since (that history goes on in the other timeline).
     */
    public List<Line> liveHeads() {
        Set<String> branchPoints = lines.stream().filter(line -> line.timeline() != null)
                .map(line -> line.timeline().branchedFrom()).filter(Objects::nonNull).collect(Collectors.toSet());
        return lines.stream().filter(line -> abandonedBy(line).isEmpty())
                .filter(line -> !branchPoints.contains(line.head().id()))
                .filter(line -> !(line.timeline() == null && lines.stream().anyMatch(other -> other.timeline() != null
                        && other.timeline().branchedFrom() == null)))
                .toList();
    }

    /**
     * The operator's warning when the installation holds more than one head, or null: the heads that point-in-time
     * restores abandoned, and timelines that went on separately (two stores of one seed, or an old machine that
     * kept running after a restore elsewhere), and which head a restore takes.
     */
    public String severalHeadsWarning() {
        List<String> parts = new ArrayList<>();
        for (Line line : lines) {
            abandonedBy(line).ifPresent(child -> parts.add("backup " + line.head().id() + " of "
                    + line.head().createdAt() + ", the head of timeline " + line.id() + ", was abandoned by the "
                    + "point-in-time restore of backup " + child.timeline().branchedFrom() + " that started timeline "
                    + child.id() + " at " + child.timeline().startedAt()));
        }
        List<Line> live = liveHeads();
        if (live.size() > 1) {
            parts.add(live.size() + " timelines went on separately (two stores of one seed, or a machine that kept "
                    + "running after a restore elsewhere: their new wallets may share addresses): " + live.stream()
                    .map(line -> "backup " + line.head().id() + " of " + line.head().createdAt() + " heads timeline "
                            + line.describe()).collect(Collectors.joining("; ")));
        }
        if (parts.isEmpty()) {
            return null;
        }
        Line newest = newestLine();
        return "installation " + newest.head().seedFingerprint() + " has more than one timeline head: "
                + String.join(". ", parts) + ". The newest is backup " + newest.head().id() + " of timeline "
                + newest.id() + "; name another with --backup ID to take it instead";
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

    /** The timelines restored from {@code line}'s backups: those naming it as parent (the legacy line: any orphan). */
    private List<Line> children(Line line) {
        return lines.stream().filter(other -> other.timeline() != null && other != line).filter(other -> {
            String parent = other.timeline().parentId();
            boolean parentPresent = parent != null && lines.stream().anyMatch(candidate -> candidate.id().equals(parent));
            return parentPresent ? parent.equals(line.id()) : line.timeline() == null
                    && other.timeline().branchedFrom() != null;
        }).toList();
    }
}
