package dev.walletbackup.wallet;

/** No wallet exists for the agent id that was given. */
public final class UnknownAgentException extends IllegalArgumentException {
    public UnknownAgentException(String agentId) {
        super("no wallet for agent " + agentId);
    }
}
