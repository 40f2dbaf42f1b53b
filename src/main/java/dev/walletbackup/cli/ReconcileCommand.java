package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.reconcile.ReconciliationReport;
import dev.walletbackup.reconcile.ReconciliationRow;
import picocli.CommandLine.Command;

/** {@code reconcile}: compare every stored balance snapshot with the chains now, through the reconciliation route. */
@Command(name = "reconcile", description = "Compare every balance snapshot with the chains and report the differences "
        + "(totals, and the rows that are not MATCH up to wallet.reconcile.report-rows). Exit code 1 when the run is "
        + "partial: some balances could not be compared (UNREACHABLE).")
final class ReconcileCommand extends RouteCommand {
    private int exitCode = ExitCodes.OK;

    @Override
    void run(WalletServices services) throws Exception {
        ReconciliationReport report = WalletBackupApplication.requestOnce(services, () -> {
            throw new IllegalStateException("reconciliation needs no password");
        }, cli().clock(), "direct:reconcile", null, ReconciliationReport.class);
        if (report.partial()) {
            exitCode = ExitCodes.FAILURE;
        }
        if (json()) {
            printJson(report);
            return;
        }
        if (report.partial()) {
            err().println(spec.qualifiedName() + ": error: the run is partial: " + report.unreachable()
                    + " balances could not be compared (UNREACHABLE, each row says why); run it again later");
        }
        out().printf("EVM block %s, XRP ledger %s%n", report.evmBlock(), report.xrplLedger());
        out().printf("Totals: %s%n", report.totals());
        report.notConfigured().forEach((chain, reason) -> out().printf("%s: not compared, %s%n", chain, reason));
        if (report.rows().isEmpty()) {
            return;
        }
        out().printf("%-24s %-5s %-44s %28s %28s %28s %s%n", "AGENT", "CHAIN", "TOKEN", "EXPECTED", "ACTUAL", "DELTA", "STATUS");
        for (ReconciliationRow row : report.rows()) {
            out().printf("%-24s %-5s %-44s %28s %28s %28s %s%s%n", row.agentId(), row.chain(), row.token(),
                    row.expectedBalance(), row.actualBalance() == null ? "-" : row.actualBalance(),
                    row.delta() == null ? "-" : row.delta(), row.status(), row.reason() == null ? "" : " (" + row.reason() + ")");
        }
        if (report.rowsLeftOut() > 0) {
            out().printf("%d more rows that are not MATCH are left out: a report keeps at most %d (%s)%n",
                    report.rowsLeftOut(), services.config().reconcileReportRows(), WalletConfig.RECONCILE_REPORT_ROWS);
        }
    }

    @Override
    int exitCode() {
        return exitCode;
    }
}
