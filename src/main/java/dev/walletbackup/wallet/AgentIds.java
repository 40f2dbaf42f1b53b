package dev.walletbackup.wallet;

import java.util.regex.Pattern;

/**
 * What an agent id may look like: 1 to 128 characters (the width of the {@code agent_id} columns) of letters,
 * digits and {@code . _ : -}.
 */
public final class AgentIds {
    public static final int MAX_LENGTH = 128;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:-]*");
    private static final String RULE = "an agent id is 1 to " + MAX_LENGTH + " characters of letters, digits and . _ : -";

    private AgentIds() {
    }

    /** @throws InvalidAgentIdException saying which part of the rule {@code agentId} breaks */
    public static String requireValid(String agentId) {
        if (agentId == null || agentId.isEmpty()) {
            throw new InvalidAgentIdException(RULE + "; this one is empty");
        }
        if (agentId.length() > MAX_LENGTH) {
            throw new InvalidAgentIdException(RULE + "; this one has " + agentId.length() + " characters");
        }
        if (!ALLOWED.matcher(agentId).matches()) {
            throw new InvalidAgentIdException(RULE + "; this one has other characters");
        }
        return agentId;
    }

    /**
     * Checks the ids {@code prefix + index} for every index up to {@code highestIndex}: the longest of them is the
     * one with the highest index.
     */
    public static void requireValidPrefix(String prefix, long highestIndex) {
        String longest = prefix + highestIndex;
        if (longest.length() > MAX_LENGTH) {
            throw new InvalidAgentIdException("the prefix (" + prefix.length() + " characters) followed by the "
                    + "derivation index (up to " + highestIndex + ") makes agent ids of up to " + longest.length()
                    + " characters; at most " + MAX_LENGTH + " are allowed");
        }
        requireValid(longest);
    }

    /** An agent id (or a prefix that makes them) that breaks the rule. */
    public static final class InvalidAgentIdException extends IllegalArgumentException {
        InvalidAgentIdException(String message) {
            super(message);
        }
    }
}
