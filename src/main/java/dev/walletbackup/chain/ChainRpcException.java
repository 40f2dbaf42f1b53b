package dev.walletbackup.chain;

/** A chain node or server could not be asked, or did not answer as its JSON-RPC API says; the message says which. */
public class ChainRpcException extends RuntimeException {
    public ChainRpcException(String message) {
        super(message);
    }

    public ChainRpcException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The node could not be reached at all: worth another try. */
    static final class Unreachable extends ChainRpcException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
