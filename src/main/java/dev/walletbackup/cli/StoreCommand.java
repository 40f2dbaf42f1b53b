package dev.walletbackup.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.progress.Progress;
import dev.walletbackup.progress.TerminalProgress;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.json.WalletJson;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the wallet state store named by the configuration. */
abstract class StoreCommand implements Callable<Integer> {
    /** Set by the launcher to "on" when standard error is a terminal; "off" (or unset) shows no progress. */
    static final String PROGRESS_VARIABLE = "WALLET_PROGRESS";

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        if (!needsStore()) {
            return callWithoutStore();
        }
        checkArguments();
        WalletServices services = WalletServices.open(loadConfig(), cli().clock(), createsStore(), progress());
        try {
            run(services);
        } catch (Exception | Error failure) {
            try {
                services.closeDiscardingIfCreatedEmpty();
            } catch (RuntimeException cleanUp) {
                failure.addSuppressed(cleanUp);
            }
            throw failure;
        }
        if (leavesStoreUntouched()) {
            services.closeDiscardingIfCreatedEmpty();
        } else {
            services.close();
        }
        return exitCode();
    }

    /**
     * The exit code of a run that ended without throwing: a command that reports its own failure in full (a drill,
     * source by source) returns it here.
     */
    int exitCode() {
        return ExitCodes.OK;
    }

    /** Whether this invocation promises to change nothing (a dry run): a store it had to create is removed again. */
    boolean leavesStoreUntouched() {
        return false;
    }

    /** Checks what picocli cannot, before the store is opened: a usage error is reported as one, store or not. */
    void checkArguments() {
    }

    /**
     * Whether this command may create the store when there is none (seed init and import, restore, the service).
     * Every other command needs one that exists, so a mistyped --data-dir is an error and leaves nothing behind.
     */
    boolean createsStore() {
        return false;
    }

    /** Whether this invocation works on the store; commands that read only backup files need none. */
    boolean needsStore() {
        return true;
    }

    /** The work of an invocation that needs no store. */
    Integer callWithoutStore() throws Exception {
        throw new IllegalStateException(spec.name() + " needs a store");
    }

    void run(WalletServices services) throws Exception {
        throw new IllegalStateException(spec.name() + " works without a store");
    }

    WalletConfig loadConfig() {
        CommonOptions common = cli().common();
        Map<String, String> overrides = new HashMap<>();
        if (common.dataDir != null) {
            overrides.put(WalletConfig.DATA_DIR, common.dataDir.toString());
        }
        return WalletConfig.load(common.configFile(), cli().environment(), overrides);
    }

    WalletBackupCli cli() {
        return (WalletBackupCli) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return cli().common().json;
    }

    /**
     * Progress of long runs on standard error, when the launcher found it is a terminal ({@code WALLET_PROGRESS=on})
     * and the output is not JSON.
     */
    Progress progress() {
        return !json() && "on".equals(cli().environment().get(PROGRESS_VARIABLE))
                ? new TerminalProgress(err(), () -> TimeUnit.MILLISECONDS.toNanos(cli().clock().millis()))
                : Progress.NONE;
    }

    void printJson(Object value) throws JsonProcessingException {
        out().println(WalletJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }
}
