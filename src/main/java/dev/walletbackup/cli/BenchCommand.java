package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench backup}: measures a full backup (then an incremental after 1% of the wallets changed) of N wallets
 * on the embedded default, in a fresh data directory, through the real routes. Reports wall time and the peak
 * live heap (the most any garbage collection left in use); run it with {@code JAVA_OPTS=-Xmx256m} to hold it to
 * the memory target.
 */
@Command(name = "bench", description = "Benchmarks. 'bench backup --wallets N' times a full and an incremental backup.",
        subcommands = {BenchCommand.Backup.class})
final class BenchCommand {

    @Command(name = "backup", description = "Time and peak heap of a full and an incremental backup of N wallets.")
    static final class Backup implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        PasswordOptions password;

        @Option(names = "--wallets", defaultValue = "100000", description = "Wallets to create (default ${DEFAULT-VALUE}).")
        int wallets;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            WalletBackupCli cli = (WalletBackupCli) spec.root().userObject();
            Path dataDir = common.dataDir != null ? common.dataDir : Files.createTempDirectory("wallet-backup-bench-");
            WalletConfig config = WalletConfig.load(common.configFile(), cli.environment(),
                    Map.of(WalletConfig.DATA_DIR, dataDir.toString(), WalletConfig.DB_URL, "",
                            WalletConfig.BACKUP_PATH, "", WalletConfig.SCHEDULE_ENABLED, "false"));
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("wallets", wallets);
            results.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            results.put("dataDir", dataDir.toString());
            try (WalletServices services = WalletServices.open(config, cli.clock())) {
                try (Password secret = password.read(cli.environment())) {
                    services.seeds().initialize(12, secret);
                }
                long started = System.nanoTime();
                services.wallets().createMany(wallets, "agent-");
                results.put("createWalletsMs", millisSince(started));
                started = System.nanoTime();
                recordOneBalanceEach(services, 0, wallets, 1);
                results.put("recordBalancesMs", millisSince(started));

                results.put("full", measure(services, cli, "direct:backup-full"));
                int changed = Math.max(1, wallets / 100);
                recordOneBalanceEach(services, 0, changed, 2);
                results.put("incremental", measure(services, cli, "direct:backup-incremental"));
            }
            spec.commandLine().getOut().println(dev.walletbackup.json.WalletJson.mapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsString(results));
            return ExitCodes.OK;
        }

        private Map<String, Object> measure(WalletServices services, WalletBackupCli cli, String endpoint) throws Exception {
            System.gc();
            BackupReport report;
            long started = System.nanoTime();
            long liveHeapPeak;
            try (LiveHeapMonitor monitor = LiveHeapMonitor.start()) {
                report = WalletBackupApplication.requestOnce(services, () -> password.read(cli.environment()),
                        cli.clock(), endpoint, null, BackupReport.class);
                liveHeapPeak = monitor.peakBytes();
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("type", report.type().wireName());
            figures.put("elapsedMs", millisSince(started));
            figures.put("routeDurationMs", report.durationMs());
            figures.put("bytes", report.bytes());
            figures.put("counts", report.counts());
            figures.put("peakLiveHeapMiB", liveHeapPeak / (1024 * 1024));
            return figures;
        }

        private static void recordOneBalanceEach(WalletServices services, int from, int to, int amount) {
            BalanceRepository balances = new BalanceRepository();
            Instant now = Instant.now();
            services.store().write(connection -> {
                for (int i = from; i < to; i++) {
                    balances.upsert(connection, new AgentBalance("agent-" + i, Chain.EVM, "ETH",
                            BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(amount)), 18, null, now, 0));
                }
                return null;
            });
        }

        private static long millisSince(long nanos) {
            return (System.nanoTime() - nanos) / 1_000_000;
        }
    }
}
