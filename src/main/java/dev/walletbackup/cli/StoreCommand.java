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
        try (WalletServices services = WalletServices.open(loadConfig(), cli().clock())) {
            run(services);
        }
        return ExitCodes.OK;
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
