package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.drill.DrillOutcome;
import dev.walletbackup.drill.DrillReport;
import dev.walletbackup.drill.DrillRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drill}: restore the newest chain of each destination into a scratch store that is thrown away, through the
 * drill route, and say what was proven. Every source is drilled even when one fails; the exit code is that of the
 * first source not proven (3 damaged, 4 wrong password, 5 nothing to restore).
 */
@Command(name = "drill", description = "Prove the backups restorable: restore the newest chain of each destination "
        + "into a scratch store, with every check of a real restore; the store is not touched.")
final class DrillCommand extends RouteCommand {
    @Mixin
    PasswordOptions password;

    @Option(names = "--source", paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "Drill only this source (default: the backup directory, and S3 when it is configured).")
    String source;

    private int exitCode = ExitCodes.OK;

    @Override
    void run(WalletServices services) throws Exception {
        password.read(cli().environment()).close();
        DrillReport report = WalletBackupApplication.requestOnce(services, () -> password.read(cli().environment()),
                cli().clock(), "direct:drill", new DrillRequest(source), DrillReport.class);
        Optional<DrillOutcome> failure = report.firstFailure();
        failure.ifPresent(first -> exitCode = ExitCodes.of(first.failure()));
        if (json()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("proven", report.proven());
            out.put("sources", report.sources());
            failure.ifPresent(first -> out.putAll(FailureReporter.error(spec.qualifiedName(), exitCode, first.message())));
            printJson(out);
            return;
        }
        for (DrillOutcome outcome : report.sources()) {
            if (outcome.proven()) {
                out().printf("%-5s %s: proven in %d ms%n", outcome.kind(), outcome.source(), outcome.durationMs());
                out().printf("  backup %s (chain %s): %d backup file(s) read and checked%n", outcome.target(),
                        String.join(" → ", outcome.chain()), outcome.backups());
                out().printf("  restored %s; %d wallet addresses re-derived and matching%n", outcome.restored(),
                        outcome.walletsRederived());
                out().printf("  state digest %s matches the backup%n", outcome.stateDigest());
            } else {
                out().printf("%-5s %s: NOT PROVEN (%s)%n", outcome.kind(), outcome.source(),
                        outcome.outcome().wireName());
                err().println(spec.qualifiedName() + ": error: " + outcome.message());
            }
        }
    }

    @Override
    int exitCode() {
        return exitCode;
    }
}
