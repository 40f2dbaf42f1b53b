package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.bench.BenchDataSet;
import dev.walletbackup.bench.PhaseMeter;
import dev.walletbackup.bench.PhaseMeter.PhaseFigures;
import dev.walletbackup.bench.PhaseResult;
import dev.walletbackup.bench.TsConnectorDataSet;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.legacy.ImportResult;
import dev.walletbackup.legacy.TsConnectorImport;
import dev.walletbackup.restore.RestoreReport;
import dev.walletbackup.restore.RestoreRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench phase NAME}: one phase of the benchmark, measured in this process, its {@link PhaseResult} printed as
 * JSON. {@code bench} runs each phase in a JVM of its own, as the operator's own command would run; not for operators.
 * <ul>
 *   <li>{@code create}: a new seed, then (timed) {@code --wallets} wallets created as {@code wallets create --count}
 *       does; then the rest of the data set ({@link BenchDataSet}), timed apart, and the store settled as one in
 *       service is ({@link BenchDataSet#settle}), so that no later phase pays for its vacuum.</li>
 *   <li>{@code full}: a full backup through the route.</li>
 *   <li>{@code incremental}: 1% of the wallets get a new balance (not timed), then an incremental backup.</li>
 *   <li>{@code restore}: the backups in {@code --source} restored into this empty store through the route, every
 *       address re-derived, with no chain endpoint.</li>
 *   <li>{@code ts-import}: a full backup of {@code --wallets} wallets as the original TypeScript connector writes it
 *       (not timed: {@link TsConnectorDataSet}), then (timed) {@code import ts-connector} of it into this empty store,
 *       its first full backup included.</li>
 * </ul>
 */
@Command(name = "phase", hidden = true, description = "One phase of 'bench', measured in this process (run by bench).")
final class BenchPhaseCommand extends RouteCommand {
    static final List<String> PHASES = List.of("create", "full", "incremental", "restore", "ts-import");
    static final String WALLET_PREFIX = "agent-";

    /** Backups go to the data directory and nowhere else, and a restore asks no chain. */
    static final Map<String, String> SETTINGS = Map.of(WalletConfig.BACKUP_PATH, "", WalletConfig.DESTINATIONS, "local",
            WalletConfig.EVM_RPC_URL, "", WalletConfig.XRPL_RPC_URL, "");

    @Mixin
    PasswordOptions password;

    @Parameters(index = "0", paramLabel = "PHASE", description = "create, full, incremental or restore.")
    String phase;

    @Option(names = "--wallets", paramLabel = "N", defaultValue = "1", description = "Wallets to create (create).")
    int wallets;

    @Option(names = "--source", paramLabel = "DIR", description = "The backups to restore (restore).")
    Path source;

    @Override
    void checkArguments() {
        if (!PHASES.contains(phase)) {
            throw new UsageException("unknown phase '" + phase + "' (known: " + String.join(", ", PHASES) + ")");
        }
        if (phase.equals("restore") && source == null) {
            throw new UsageException("the restore phase needs --source DIR");
        }
    }

    @Override
    boolean createsStore() {
        return phase.equals("create") || phase.equals("restore") || phase.equals("ts-import");
    }

    @Override
    WalletConfig loadConfig() {
        return super.loadConfig().with(SETTINGS);
    }

    @Override
    void run(WalletServices services) throws Exception {
        PhaseResult result = switch (phase) {
            case "create" -> create(services);
            case "full" -> backup(services, "direct:backup-full", Map.of());
            case "incremental" -> {
                long changed = new BenchDataSet(services.store()).changeOnePercent(cli().clock().instant());
                yield backup(services, "direct:backup-incremental", Map.of("changedBalances", changed));
            }
            case "ts-import" -> tsImport(services);
            default -> restore(services);
        };
        printJson(result);
    }

    private PhaseResult create(WalletServices services) {
        try (Password secret = password.read(cli().environment())) {
            services.seeds().initialize(services.config().seedWords(), secret);
        }
        PhaseFigures created;
        try (PhaseMeter meter = PhaseMeter.start()) {
            services.wallets().createMany(wallets, WALLET_PREFIX);
            created = meter.figures();
        }
        long started = System.nanoTime();
        BenchDataSet dataSet = new BenchDataSet(services.store());
        long balances = dataSet.activateWithBalances(cli().clock().instant());
        long settling = System.nanoTime();
        List<String> settled = dataSet.settle();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("wallets", wallets);
        details.put("walletsPerSecond", wallets * 1000L / Math.max(1, created.wallMs()));
        details.put("balances", balances);
        details.put("balancesMs", (settling - started) / 1_000_000);
        details.put("settledTables", settled);
        details.put("settleMs", (System.nanoTime() - settling) / 1_000_000);
        return PhaseResult.of(created, null, details);
    }

    private PhaseResult backup(WalletServices services, String endpoint, Map<String, Object> before) throws Exception {
        try (PhaseMeter meter = PhaseMeter.start()) {
            BackupReport report = WalletBackupApplication.requestBackup(services,
                    () -> password.read(cli().environment()), cli().clock(), endpoint);
            PhaseFigures figures = meter.figures();
            Map<String, Object> details = new LinkedHashMap<>(before);
            details.put("type", report.type().wireName());
            details.put("bytes", report.bytes());
            details.put("counts", report.counts());
            return PhaseResult.of(figures, report.durationMs(), details);
        }
    }

    private PhaseResult tsImport(WalletServices services) throws Exception {
        long started = System.nanoTime();
        TsConnectorDataSet.LegacyFiles legacy;
        try (Password secret = password.read(cli().environment())) {
            legacy = TsConnectorDataSet.write(services.config().dataDir().resolve("ts-connector"), wallets, secret,
                    cli().clock().instant());
        }
        long generatedMs = (System.nanoTime() - started) / 1_000_000;
        try (PhaseMeter meter = PhaseMeter.start()) {
            ImportResult imported;
            try (Password secret = password.read(cli().environment());
                 Password legacyPassword = password.read(cli().environment())) {
                imported = new TsConnectorImport(services.store(), services.seeds())
                        .importBackups(List.of(legacy.backup()), legacy.saltFile(), legacyPassword, secret);
            }
            BackupReport backup = WalletBackupApplication.requestBackup(services,
                    () -> password.read(cli().environment()), cli().clock(), "direct:backup-full");
            PhaseFigures figures = meter.figures();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("wallets", imported.wallets());
            details.put("xrpSchemes", imported.xrpSchemes());
            details.put("generatedMs", generatedMs);
            details.put("legacyBytes", Files.size(legacy.backup()));
            details.put("type", backup.type().wireName());
            details.put("bytes", backup.bytes());
            details.put("counts", backup.counts());
            return PhaseResult.of(figures, backup.durationMs(), details);
        }
    }

    private PhaseResult restore(WalletServices services) throws Exception {
        try (PhaseMeter meter = PhaseMeter.start()) {
            RestoreReport report = WalletBackupApplication.requestOnce(services,
                    () -> password.read(cli().environment()), cli().clock(), "direct:restore",
                    new RestoreRequest(source.toString(), null, null, false, false), RestoreReport.class);
            PhaseFigures figures = meter.figures();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("restored", report.restored());
            details.put("walletsRederived", report.walletsRederived());
            details.put("digestMatch", report.digestMatch());
            details.put("reconciliationReportBytes",
                    report.reconciliationReport() == null ? null : Files.size(Path.of(report.reconciliationReport())));
            return PhaseResult.of(figures, report.durationMs(), details);
        }
    }
}
