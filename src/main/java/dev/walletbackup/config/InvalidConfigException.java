package dev.walletbackup.config;

/** A configuration value that cannot be used; the message names the key. */
public final class InvalidConfigException extends RuntimeException {
    public InvalidConfigException(String key, String problem) {
        super("Invalid configuration " + key + ": " + problem);
    }
}
