package dev.walletbackup.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.json.WalletJson;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the wallet state store named by the configuration. */
abstract class StoreCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        if (!needsStore()) {
            return callWithoutStore();
        }
        checkArguments();
        WalletServices services = WalletServices.open(loadConfig(), cli().clock(), createsStore());
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
        return common.json;
    }

    void printJson(Object value) throws JsonProcessingException {
        out().println(WalletJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }
}
