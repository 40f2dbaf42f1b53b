package dev.walletbackup.cli;

import dev.walletbackup.discovery.WalletDiscovery;
import java.io.PrintWriter;

/** What a discovery found, as {@code wallets discover} and {@code restore} print it. */
final class DiscoveryLines {
    private DiscoveryLines() {
    }

    static void print(PrintWriter out, WalletDiscovery.Outcome outcome) {
        if (!outcome.ran()) {
            out.printf("  discovery did not run: %s%n", outcome.reason());
            return;
        }
        out.printf("  discovery asked the chains up to index %d (gap limit %d): %d wallet(s) found%n",
                outcome.scannedThrough(), outcome.gapLimit(), outcome.found().size());
        outcome.found().forEach(found -> out.printf("    %s at index %d, EVM %s, XRP %s, balances %s: suspended%n",
                found.agentId(), found.derivationIndex(), found.evmAddress(), found.xrpAddress(), found.balances()));
    }
}
