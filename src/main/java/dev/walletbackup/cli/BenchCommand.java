package dev.walletbackup.cli;

import dev.walletbackup.bench.BenchReport;
import dev.walletbackup.bench.BenchStores;
import dev.walletbackup.bench.PhaseResult;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.json.WalletJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: builds the data set of N wallets (one lifecycle row and two balance snapshots each) on the embedded
 * H2 store or on the configured PostgreSQL ({@link BenchStores}), and times create, full backup, incremental backup
 * after 1% of the balances changed, and restore into an empty store of the same kind with every address
 * re-derived, each with its peak live heap and peak resident memory.
 *
 * <p>Each phase runs in a JVM of its own ({@code bench phase}, with this JVM's options): the peak resident memory
 * of a process ({@code VmHWM}) only grows, and a JVM keeps the heap an earlier phase made it commit, so figures taken
 * in one process would carry every earlier phase's memory into the next. One process per phase measures what the
 * operator's own command ({@code wallets create}, {@code backup full}, …) takes.
 */
@Command(name = "bench", description = "Build a data set of N wallets on the configured store (embedded H2, or the "
        + "PostgreSQL of WALLET_DB_URL, an empty database) and time wallet creation, a full backup, an incremental "
        + "after 1%% changed and a restore into an empty store, with peak heap and memory of each; --data-dir DIR "
        + "holds its stores and backups (default: a new directory under /tmp). See docs/performance.md.",
        subcommands = BenchPhaseCommand.class)
final class BenchCommand implements Callable<Integer> {
    @Mixin
    PasswordOptions password;

    @Option(names = "--wallets", paramLabel = "N", defaultValue = "1000000", description = "Wallets in the data set (default ${DEFAULT-VALUE}).")
    int wallets;

    @Option(names = "--ts-connector", description = "Instead of the four phases, time 'import ts-connector' of a full "
            + "backup of N wallets as the original TypeScript connector writes it (its first full backup included).")
    boolean tsConnector;

    @Option(names = "--keep", description = "Leave the data set and its backups in place (for bin/bench-baseline); "
            + "the restored store is removed either way.")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (wallets < 1) {
            throw new UsageException("--wallets must be at least 1");
        }
        WalletBackupCli cli = (WalletBackupCli) spec.root().userObject();
        CommonOptions common = cli.common();
        password.read(cli.environment()).close();
        WalletConfig config = WalletConfig.load(common.configFile(), cli.environment(), Map.of());
        BenchStores stores = BenchStores.prepare(config, common.dataDir);
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, PhaseResult> phases = new LinkedHashMap<>();
        Throwable failure = null;
        try {
            if (tsConnector) {
                phases.put("ts-import", phase(cli, "ts-import", stores.sourceDataDir(), stores.sourceDbUrl(),
                        "--wallets", String.valueOf(wallets)));
            } else {
                phases.put("create", phase(cli, "create", stores.sourceDataDir(), stores.sourceDbUrl(),
                        "--wallets", String.valueOf(wallets)));
                phases.put("full", phase(cli, "full", stores.sourceDataDir(), stores.sourceDbUrl()));
                phases.put("incremental", phase(cli, "incremental", stores.sourceDataDir(), stores.sourceDbUrl()));
                phases.put("restore", phase(cli, "restore", stores.restoredDataDir(), stores.restoredDbUrl(),
                        "--source", stores.sourceBackups().toString()));
            }
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            cleanUp(stores::removeRestored, failure);
            if (!keep) {
                cleanUp(stores::removeSource, failure);
            }
        }
        BenchReport report = new BenchReport(wallets, stores.kind().name().toLowerCase(Locale.ROOT),
                stores.describeSource(), stores.describeRestored(), stores.workDir().toString(), keep, jvmOptions(),
                Runtime.getRuntime().availableProcessors(),
                List.of(loadAtStart, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()), phases);
        if (common.json) {
            spec.commandLine().getOut().println(WalletJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(report));
        } else {
            BenchTable.print(spec.commandLine().getOut(), report);
        }
        return ExitCodes.OK;
    }

    /**
     * Runs one phase in a JVM of its own, in the store of {@code dataDir} and {@code dbUrl} (given in the environment,
     * where the application reads it: a URL may carry credentials), and returns its figures with the process's wall
     * time. Its progress and errors go to this process's standard error.
     */
    private PhaseResult phase(WalletBackupCli cli, String name, Path dataDir, String dbUrl, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Dwallet.home="
                + System.getProperty("wallet.home", "."), WalletBackupCli.class.getName(),
                "bench", "phase", name, "--data-dir", dataDir.toString(), "--config", cli.common().configFile().toString()));
        if (password.file() != null) {
            command.addAll(List.of("--password-file", password.file().toString()));
        }
        if (cli.common().verbose) {
            command.add("--verbose");
        }
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> environment = new HashMap<>(cli.environment());
        environment.put("WALLET_DB_URL", dbUrl);
        if (cli.common().json) {
            environment.put(StoreCommand.PROGRESS_VARIABLE, "off");
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        int exitCode = process.waitFor();
        long processMs = (System.nanoTime() - started) / 1_000_000;
        if (exitCode != 0) {
            throw new IllegalStateException("the " + name + " phase failed (exit code " + exitCode + ", its error is "
                    + "above)" + (keep ? "; the data set is in " + dataDir.getParent() : ""));
        }
        return WalletJson.mapper().readValue(output, PhaseResult.class).withProcessMs(processMs);
    }

    /** The heap, garbage collector and other -X options of this JVM (JAVA_OPTS), which every phase runs with. */
    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X")).toList();
    }

    private static void cleanUp(Runnable removal, Throwable failure) {
        try {
            removal.run();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }
}
