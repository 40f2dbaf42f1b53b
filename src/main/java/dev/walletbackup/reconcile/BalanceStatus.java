package dev.walletbackup.reconcile;

/** How a restored balance snapshot compares with its chain. */
public enum BalanceStatus {
    /** The chain holds exactly the restored amount. */
    MATCH,
    /** The chain holds another amount; the row carries both and the delta. */
    MISMATCH,
    /** The chain has no such token for the account (no contract code, no trust line). */
    MISSING_ON_CHAIN,
    /** The chain could not be asked (unreachable, not validated, timed out). */
    UNREACHABLE,
    /** No endpoint is configured for the chain: counted, and reported once for the chain, not per snapshot. */
    NOT_CONFIGURED
}
