package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.reconcile.ReconciliationReport;
import dev.walletbackup.reconcile.ReconciliationRow;
import java.math.BigDecimal;
import picocli.CommandLine.Command;

/**
 * {@code reconcile}: compare every stored balance snapshot with the chains now, through the reconciliation route.
 * Balances that differ from their chain are a finding that a script or cron job must notice: exit 6, also when the
 * run is partial (running it again does not clear them); a partial run without one exits 1. Without any chain
 * endpoint it is a usage error (exit 2), and a chain without one is named on stderr too.
 */
@Command(name = "reconcile", description = "Compare every balance snapshot with the chains and report the differences "
        + "(totals, and the rows that are not MATCH up to wallet.reconcile.report-rows). Exit code 6 when some balances "
        + "differ from the chains (MISMATCH, MISSING_ON_CHAIN); 1 when the run is partial without one: some balances "
        + "could not be compared (UNREACHABLE); 2 when neither EVM_RPC_URL nor XRPL_RPC_URL is set.")
final class ReconcileCommand extends RouteCommand {
    private static final String TOKEN = "TOKEN";
    private int exitCode = ExitCodes.OK;

    @Override
    void run(WalletServices services) throws Exception {
        // A mistyped variable name would otherwise leave a cron job green while it compares nothing.
        if (services.config().evmRpcUrl() == null && services.config().xrplRpcUrl() == null) {
            throw new UsageException("reconciliation asks the chains: set EVM_RPC_URL and/or XRPL_RPC_URL first");
        }
        ReconciliationReport report = WalletBackupApplication.requestOnce(services, () -> {
            throw new IllegalStateException("reconciliation needs no password");
        }, cli().clock(), "direct:reconcile", null, ReconciliationReport.class);
        if (report.differences() > 0) {
            exitCode = ExitCodes.BALANCES_DIFFER;
        } else if (report.partial()) {
            exitCode = ExitCodes.FAILURE;
        }
        report.notConfigured().forEach((chain, reason) -> err().printf("%s: %s: not compared, %s%n",
                spec.qualifiedName(), chain, reason));
        if (json()) {
            printJson(report);
            return;
        }
        if (report.partial()) {
            err().println(spec.qualifiedName() + ": error: the run is partial: " + report.unreachable()
                    + " balances could not be compared (UNREACHABLE, each row says why); " + (report.endpointMisconfigured()
                    ? "check the endpoint (EVM_RPC_URL, XRPL_RPC_URL): running it again will not help"
                    : "run it again later, or with a lower " + WalletConfig.RPC_RATE));
        }
        if (report.differences() > 0) {
            err().println(spec.qualifiedName() + ": " + report.differences() + " balances differ from the chains "
                    + "(MISMATCH, MISSING_ON_CHAIN): each row says how");
        }
        out().printf("EVM block %s, XRP ledger %s%n", orDash(report.evmBlock()), orDash(report.xrplLedger()));
        out().printf("Totals: %s%n", report.totals());
        report.notConfigured().forEach((chain, reason) -> out().printf("%s: not compared, %s%n", chain, reason));
        if (!report.rows().isEmpty()) {
            printRows(report);
        }
        if (report.rowsLeftOut() > 0) {
            out().printf("%d more rows that are not MATCH are left out: a report keeps at most %d (%s)%n",
                    report.rowsLeftOut(), services.config().reconcileReportRows(), WalletConfig.RECONCILE_REPORT_ROWS);
        }
    }

    private void printRows(ReconciliationReport report) {
        // As wide as the longest token listed (up to 80 characters), so the amounts stay in line.
        int tokenWidth = report.rows().stream().mapToInt(row -> row.token().length()).max().orElse(0);
        String columns = "%-24s %-5s %-" + Math.max(TOKEN.length(), tokenWidth) + "s %28s %28s %28s %s%s%n";
        out().printf(columns, "AGENT", "CHAIN", TOKEN, "EXPECTED", "ACTUAL", "DELTA", "STATUS", "");
        for (ReconciliationRow row : report.rows()) {
            out().printf(columns, row.agentId(), row.chain(), row.token(), row.expectedBalance(),
                    orDash(row.actualBalance()), orDash(row.delta()), row.status(),
                    row.reason() == null ? "" : " (" + row.reason() + ")");
        }
    }

    /** A value the report does not have (no EVM block without an EVM node, no actual balance when unreachable). */
    private static Object orDash(Object value) {
        return value == null ? "-" : value instanceof BigDecimal exact ? exact.toPlainString() : value;
    }

    @Override
    int exitCode() {
        return exitCode;
    }
}
