package dev.walletbackup.derivation;

/**
 * The two account-level extended public keys that agent wallets derive from. Holding them lets the service make
 * new addresses without the password; it cannot spend.
 */
public record AccountKeys(ExtendedPublicKey evm, ExtendedPublicKey xrp) {

    public static AccountKeys parse(String evmXpub, String xrpXpub) {
        return new AccountKeys(ExtendedPublicKey.parse(evmXpub), ExtendedPublicKey.parse(xrpXpub));
    }

    /** Both addresses of the agent wallet at {@code index}. */
    public WalletAddresses addressesAt(int index) {
        return addressesAt(index, CurveArithmetic.fastest());
    }

    WalletAddresses addressesAt(int index, CurveArithmetic arithmetic) {
        return new WalletAddresses(EvmAddress.of(evm.deriveChild(index, arithmetic)),
                XrpAddress.of(xrp.deriveChild(index, arithmetic)));
    }

    /** The EVM and XRP Ledger addresses of one derivation index. */
    public record WalletAddresses(String evmAddress, String xrpAddress) {
    }
}
