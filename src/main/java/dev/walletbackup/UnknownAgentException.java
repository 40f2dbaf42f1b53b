package dev.walletbackup;


/** No wallet exists for the agent id that was given. */
public final class UnknownAgentException extends NotFoundException {
    public UnknownAgentException(String agentId) {
        super("no wallet for agent " + agentId);
    }
}
