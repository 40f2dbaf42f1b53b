package dev.walletbackup.store;

/** There is no wallet store where the configuration points, and the command was not one that creates it. */
public final class NoWalletStoreException extends StoreException {
    public NoWalletStoreException(String message) {
        super(message);
    }
}
