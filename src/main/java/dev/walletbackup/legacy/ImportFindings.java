package dev.walletbackup.legacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import found wrong with the original's backups and what it did about it, so that the original's flaws
 * are reported, not inherited: fields that were missing, fields that were malformed (such as balances written as
 * JSON numbers), and what was normalised. Each finding is counted, not repeated per record, so that the report of
 * ten thousand wallets stays readable. Findings name fields and agents, never a secret.
 */
public final class ImportFindings {
    private final Map<String, Integer> missing = new LinkedHashMap<>();
    private final Map<String, Integer> malformed = new LinkedHashMap<>();
    private final Map<String, Integer> normalised = new LinkedHashMap<>();

    void missing(String finding) {
        missing.merge(finding, 1, Integer::sum);
    }

    void malformed(String finding) {
        malformed.merge(finding, 1, Integer::sum);
    }

    void normalised(String finding) {
        normalised.merge(finding, 1, Integer::sum);
    }

    public List<String> missing() {
        return lines(missing);
    }

    public List<String> malformed() {
        return lines(malformed);
    }

    public List<String> normalised() {
        return lines(normalised);
    }

    private static List<String> lines(Map<String, Integer> findings) {
        List<String> lines = new ArrayList<>(findings.size());
        findings.forEach((finding, count) -> lines.add(count == 1 ? finding : finding + " (" + count + " times)"));
        return List.copyOf(lines);
    }
}
