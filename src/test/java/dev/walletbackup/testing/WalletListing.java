package dev.walletbackup.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads `wallets list --json` output in the recovery tests. */
public final class WalletListing {
    private WalletListing() {
    }

    /** The EVM addresses of the listed wallets whose agent id starts with {@code prefix}. */
    public static List<String> evmAddresses(JsonNode wallets, String prefix) {
        List<String> out = new ArrayList<>();
        wallets.forEach(wallet -> {
            if (wallet.get("agentId").asText().startsWith(prefix)) {
                out.add(wallet.get("evmAddress").asText());
            }
        });
        return out;
    }
}
