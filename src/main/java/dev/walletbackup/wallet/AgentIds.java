package dev.walletbackup.wallet;

import java.util.regex.Pattern;

/** What an agent id may look like: 1 to 128 characters of letters, digits and {@code . _ : -}. */
public final class AgentIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private AgentIds() {
    }

    public static String requireValid(String agentId) {
        if (agentId == null || !VALID.matcher(agentId).matches()) {
            throw new IllegalArgumentException("agent id must be 1 to 128 characters of letters, digits and . _ : -");
        }
        return agentId;
    }
}
