package dev.walletbackup.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Which backups retention keeps, in the manner of {@code restic forget}: the newest {@code keepLast}, and the newest
 * backup of each of the last {@code keepDaily} days, {@code keepWeekly} ISO weeks and {@code keepMonthly} months
 * (UTC) that have backups. A backup is kept if any rule keeps it; 0 turns a rule off, and with every rule off
 * nothing is removed.
 */
public record RetentionSettings(int keepLast, int keepDaily, int keepWeekly, int keepMonthly) {
    public static final int MAX = 100_000;

    public RetentionSettings {
        for (int count : new int[] {keepLast, keepDaily, keepWeekly, keepMonthly}) {
            if (count < 0 || count > MAX) {
                throw new IllegalArgumentException("must be between 0 and " + MAX + ", got " + count);
            }
        }
    }

    public boolean anyRule() {
        return keepLast > 0 || keepDaily > 0 || keepWeekly > 0 || keepMonthly > 0;
    }

    /** "keep-daily 7, keep-weekly 4", or "no rule". */
    public String describe() {
        List<String> rules = new ArrayList<>();
        add(rules, "keep-last", keepLast);
        add(rules, "keep-daily", keepDaily);
        add(rules, "keep-weekly", keepWeekly);
        add(rules, "keep-monthly", keepMonthly);
        return rules.isEmpty() ? "no rule" : String.join(", ", rules);
    }

    private static void add(List<String> rules, String name, int count) {
        if (count > 0) {
            rules.add(name + " " + count);
        }
    }
}
