package dev.walletbackup.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code bench --json} prints.
 *
 * @param wallets      wallets in the data set
 * @param store        h2 or postgresql
 * @param source       the store the data set was built in (database URL without parameters, or data directory)
 * @param restoredInto the store the restore phase restored into, removed afterwards
 * @param workDir      where the stores (H2) and the backups were
 * @param kept         whether the data set and its backups were left in place ({@code --keep})
 * @param jvmOptions   the JVM options every phase ran with
 * @param processors   the processors the JVM saw
 * @param loadAverage  the machine's one-minute load average when the bench started and when it ended (-1 where the
 *                     system does not tell): other work on the machine shows here
 * @param phases       create, full, incremental, restore, in that order
 */
@JsonPropertyOrder({"wallets", "store", "source", "restoredInto", "workDir", "kept", "jvmOptions", "processors", "loadAverage", "phases"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BenchReport(int wallets, String store, String source, String restoredInto, String workDir, boolean kept,
                          List<String> jvmOptions, int processors, List<Double> loadAverage,
                          Map<String, PhaseResult> phases) {
}
