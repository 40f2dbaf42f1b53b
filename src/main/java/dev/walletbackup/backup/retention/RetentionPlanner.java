package dev.walletbackup.backup.retention;

import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.config.RetentionSettings;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which backups of one installation retention keeps, and why. The rules are restic's: each rule keeps on its own and
 * a backup is kept if any rule keeps it; a daily, weekly or monthly rule walks the backups newest first and keeps the
 * newest of each period (UTC day, ISO week, month) until it has kept N periods, so periods without backups do not
 * count. Then what keeps money restorable: every backup a kept backup's chain needs (its parents up to its full)
 * and the newest backup whose chain verifies, and what an off-site copy's Object Lock does not let go yet. The rest is removed, newest first: a child always goes before its parent, so an
 * interrupted removal never leaves an incremental whose parent is gone.
 */
final class RetentionPlanner {
    static final String NEWEST_RESTORABLE = "the newest backup whose chain verifies";

    /** @param kept backup id → why it is kept, newest first; @param removed newest first */
    record Decision(Map<String, List<String>> kept, List<BackupManifest> removed) {
    }

    private RetentionPlanner() {
    }

    /** @param locked backup id → why a destination cannot delete it yet (Object Lock): kept, with its chain */
    static Decision decide(List<BackupManifest> installation, RetentionSettings policy, String newestRestorable,
                           Map<String, String> locked) {
        List<BackupManifest> newestFirst = installation.stream().sorted(Comparator
                .comparing(BackupManifest::createdInstant).thenComparing(BackupManifest::id).reversed()).toList();
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(policy.keepLast(), newestFirst.size()); i++) {
            keep(reasons, newestFirst.get(i).id(), "keep-last");
        }
        newestOfEach(newestFirst, policy.keepDaily(), "keep-daily", day -> day, reasons);
        newestOfEach(newestFirst, policy.keepWeekly(), "keep-weekly",
                day -> day.get(IsoFields.WEEK_BASED_YEAR) * 100 + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), reasons);
        newestOfEach(newestFirst, policy.keepMonthly(), "keep-monthly", YearMonth::from, reasons);
        if (newestRestorable != null) {
            keep(reasons, newestRestorable, NEWEST_RESTORABLE);
        }
        newestFirst.stream().filter(manifest -> locked.containsKey(manifest.id()))
                .forEach(manifest -> keep(reasons, manifest.id(), locked.get(manifest.id())));
        Map<String, BackupManifest> byId = new LinkedHashMap<>();
        newestFirst.forEach(manifest -> byId.put(manifest.id(), manifest));
        for (String id : List.copyOf(reasons.keySet())) {
            BackupManifest member = byId.get(id);
            // a parent kept already brings its own ancestors (kept by its rule, or by an earlier walk)
            while (member != null && member.type() == BackupType.INCREMENTAL) {
                member = byId.get(member.parentId());
                if (member == null || reasons.containsKey(member.id())) {
                    break;
                }
                keep(reasons, member.id(), "in the chain of " + id);
            }
        }
        Map<String, List<String>> kept = new LinkedHashMap<>();
        List<BackupManifest> removed = new ArrayList<>();
        for (BackupManifest manifest : newestFirst) {
            if (reasons.containsKey(manifest.id())) {
                kept.put(manifest.id(), reasons.get(manifest.id()));
            } else {
                removed.add(manifest);
            }
        }
        return new Decision(kept, removed);
    }

    private static void newestOfEach(List<BackupManifest> newestFirst, int periods, String rule,
                                     Function<LocalDate, Object> period, Map<String, List<String>> reasons) {
        Object last = null;
        int taken = 0;
        for (BackupManifest manifest : newestFirst) {
            if (taken == periods) {
                return;
            }
            Object current = period.apply(LocalDate.ofInstant(manifest.createdInstant(), ZoneOffset.UTC));
            if (!Objects.equals(current, last)) {
                keep(reasons, manifest.id(), rule);
                last = current;
                taken++;
            }
        }
    }

    private static void keep(Map<String, List<String>> reasons, String id, String reason) {
        List<String> why = reasons.computeIfAbsent(id, key -> new ArrayList<>());
        if (!why.contains(reason)) {
            why.add(reason);
        }
    }
}
