package dev.walletbackup.wallet;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.walletbackup.lifecycle.LifecycleState;

/** A wallet with its current lifecycle state: one line of {@code wallets list}. */
public record WalletOverview(@JsonUnwrapped AgentWallet wallet, LifecycleState state) {
}
