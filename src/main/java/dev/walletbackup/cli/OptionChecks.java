package dev.walletbackup.cli;

import dev.walletbackup.wallet.AgentIds;
import java.util.function.Supplier;

/**
 * The domain's rules for what an operator typed, checked before anything runs and reported as usage errors
 * (exit 2) that name the option: the rules stay in the domain, the option names in the command line.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    /** The value {@code check} returns; an {@link IllegalArgumentException} from it becomes a usage error. */
    static <T> T option(String name, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    static String agentId(String agentId) {
        return option("--agent", () -> AgentIds.requireValid(agentId));
    }
}
