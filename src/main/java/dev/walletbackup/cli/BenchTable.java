package dev.walletbackup.cli;

import dev.walletbackup.bench.BenchReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code bench} without {@code --json}: one line per phase, its times, memory and what it did. */
final class BenchTable {
    private static final String ROW = "%-12s %10s %10s %10s %14s %13s  %s%n";

    private BenchTable() {
    }

    static void print(PrintWriter out, BenchReport report) {
        out.printf(Locale.ROOT, "bench: %,d wallets on %s %s, restored into %s; JVM options %s, %d processors, "
                        + "load average %.2f at the start, %.2f at the end%n", report.wallets(), report.store(),
                report.source(), report.restoredInto(),
                report.jvmOptions().isEmpty() ? "(none)" : String.join(" ", report.jvmOptions()), report.processors(),
                report.loadAverage().get(0), report.loadAverage().get(1));
        out.printf(Locale.ROOT, ROW, "phase", "process s", "work s", "route s", "live heap MiB", "peak RSS MiB", "");
        report.phases().forEach((name, phase) -> out.printf(Locale.ROOT, ROW, name, seconds(phase.processMs()),
                seconds(phase.wallMs()), seconds(phase.routeMs()), phase.peakLiveHeapMiB(),
                phase.peakRssMiB() == null ? "n/a" : phase.peakRssMiB(), detail(name, phase.details())));
        out.println(report.kept() ? "The data set and its backups are kept in " + report.workDir()
                + (report.store().equals("h2") ? "" : " and " + report.source())
                : "Everything the bench made is removed (--keep leaves the data set).");
    }

    private static String detail(String phase, Map<String, Object> details) {
        return switch (phase) {
            case "create" -> String.format(Locale.ROOT, "%,d wallets/s; %,d balance snapshots in %s s%s",
                    number(details, "walletsPerSecond"), number(details, "balances"), seconds(number(details, "balancesMs")),
                    details.get("settledTables") instanceof List<?> tables && !tables.isEmpty()
                            ? "; " + tables.size() + " tables vacuumed in " + seconds(number(details, "settleMs")) + " s"
                            : "");
            case "restore" -> String.format(Locale.ROOT, "%,d addresses re-derived, digest %s; reconciliation report %s",
                    number(details, "walletsRederived"),
                    Boolean.TRUE.equals(details.get("digestMatch")) ? "matches" : "DIFFERS",
                    bytes(number(details, "reconciliationReportBytes")));
            case "ts-import" -> String.format(Locale.ROOT, "%,d wallets imported (XRP schemes %s) from %s written in "
                    + "%s s; first full backup %s", number(details, "wallets"), details.get("xrpSchemes"),
                    bytes(number(details, "legacyBytes")), seconds(number(details, "generatedMs")),
                    bytes(number(details, "bytes")));
            default -> (details.containsKey("changedBalances")
                    ? String.format(Locale.ROOT, "%,d balances changed; ", number(details, "changedBalances")) : "")
                    + details.get("type") + ", " + bytes(number(details, "bytes")) + ", " + counts(details.get("counts"));
        };
    }

    private static String counts(Object counts) {
        if (!(counts instanceof Map<?, ?> map)) {
            return "";
        }
        return String.format(Locale.ROOT, "%,d wallets, %,d lifecycle records, %,d balances, %,d tombstones",
                number(map, "wallets"), number(map, "lifecycleRecords"), number(map, "balances"), number(map, "tombstones"));
    }

    private static Long number(Map<?, ?> values, String key) {
        return values.get(key) instanceof Number number ? number.longValue() : null;
    }

    private static String seconds(Long ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.2f", ms / 1000.0);
    }

    private static String bytes(Long bytes) {
        if (bytes == null) {
            return "none";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
