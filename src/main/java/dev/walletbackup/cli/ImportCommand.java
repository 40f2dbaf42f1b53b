package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.legacy.ImportResult;
import dev.walletbackup.legacy.TsConnectorImport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import ts-connector}: bring an installation of the original TypeScript connector over. */
@Command(name = "import", description = "Import the wallet state of another system into an empty store.",
        subcommands = {ImportCommand.TsConnector.class})
final class ImportCommand {
    static final String SALT_FILE_NOTE = "the salt file is no longer needed: the seed is now sealed in this store's "
            + "envelope and in every backup; keep the original's files only until the switch-over is done";

    private ImportCommand() {
    }

    @Command(name = "ts-connector", description = "Import the original TypeScript connector's backups (format 1.0): "
            + "one full and its incrementals, in timestamp order, into an empty store in one transaction; prove every "
            + "address; then take a first full backup.")
    static final class TsConnector extends RouteCommand {
        @Mixin
        PasswordOptions password;

        @Option(names = "--salt-file", paramLabel = "FILE", required = true,
                description = "The original installation's data/wallet/encryption-salt.")
        Path saltFile;

        @Option(names = "--legacy-password-file", paramLabel = "FILE",
                description = "File whose first line is the original's backup password (default: the same password "
                        + "as this store's, WALLET_BACKUP_PASSWORD or --password-file).")
        Path legacyPasswordFile;

        @Parameters(paramLabel = "BACKUP.json", arity = "1..*", description = "The original's backup files.")
        List<Path> backups;

        @Override
        boolean createsStore() {
            return true;
        }

        @Override
        void run(WalletServices services) throws Exception {
            ImportResult result;
            try (Password sealWith = password.readToSeal(cli().environment());
                 Password legacy = legacyPasswordFile != null ? PasswordOptions.fromFile(legacyPasswordFile)
                         : password.read(cli().environment())) {
                result = new TsConnectorImport(services.store(), services.seeds())
                        .importBackups(backups, saltFile, legacy, sealWith);
            }
            BackupReport backup = WalletBackupApplication.requestOnce(services, () -> password.read(cli().environment()),
                    cli().clock(), "direct:backup-full", null, BackupReport.class);
            if (json()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("import", result);
                out.put("saltFile", SALT_FILE_NOTE);
                out.put("firstBackupId", backup.id());
                printJson(out);
                return;
            }
            out().printf("Imported %d wallets, %d lifecycle records, %d balances (seed %s) from:%n", result.wallets(),
                    result.lifecycleRecords(), result.balances(), result.seedFingerprint());
            result.files().forEach(file -> out().printf("  %-11s %s  %s%n", file.type(), file.timestamp(), file.file()));
            out().printf("  every address proven by derivation; XRP schemes: %s%n", result.xrpSchemes());
            print("missing fields", result.missingFields());
            print("malformed fields", result.malformedFields());
            print("normalised", result.normalised());
            out().println("Note: " + SALT_FILE_NOTE);
            out().printf("First full backup: %s%n", backup.id());
        }

        private void print(String heading, List<String> findings) {
            out().printf("  %s:%s%n", heading, findings.isEmpty() ? " none" : "");
            findings.forEach(finding -> out().println("    " + finding));
        }
    }
}
