package dev.walletbackup.backup.format;

import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The data keys of the backups one operation opens — a restore reads each file of its chain while validating and
 * again while applying — each unwrapped once: one Argon2id derivation per backup, not one per read. The keys live
 * only as long as the operation and are wiped when it closes this.
 */
public final class DataKeys implements AutoCloseable {
    private final PasswordSource passwords;
    private final Map<String, byte[]> keys = new HashMap<>();

    public DataKeys(PasswordSource passwords) {
        this.passwords = passwords;
    }

    /** The decrypted payload of {@code reader}'s file, its header authenticated, as {@link BackupFileReader#unlock}. */
    public synchronized InputStream unlock(BackupFileReader reader) {
        String identity = reader.keyIdentity();
        byte[] key = keys.get(identity);
        if (key == null) {
            try (Password password = passwords.get()) {
                key = reader.unwrapDataKey(password);
            }
            keys.put(identity, key);
        }
        return reader.unlock(key);
    }

    /** How many keys were unwrapped: one Argon2id derivation each. */
    public synchronized int unwrapped() {
        return keys.size();
    }

    @Override
    public synchronized void close() {
        keys.values().forEach(key -> Arrays.fill(key, (byte) 0));
        keys.clear();
    }

    @Override
    public String toString() {
        return "DataKeys[" + keys.size() + " unwrapped, values redacted]";
    }
}
