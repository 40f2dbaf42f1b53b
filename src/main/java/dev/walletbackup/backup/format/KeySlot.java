package dev.walletbackup.backup.format;

import dev.walletbackup.crypto.Aead;
import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.AuthenticationFailedException;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordKey;
import dev.walletbackup.crypto.PasswordKeyDerivation;
import dev.walletbackup.crypto.WrongPasswordException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 103-byte key slot: the backup's data key wrapped under a key derived from the password
 * (docs/backup-format.md, section 2.2). A new password needs more than a new slot: the payload's seed envelope is
 * sealed under it too, so a rekey rewrites the whole file ({@link BackupRekey}).
 */
public final class KeySlot {
    public static final int BYTES = 103;
    static final int WRAP_AAD_PREFIX = 43;
    private static final byte KDF_ARGON2ID = 1;
    private static final byte ARGON2_VERSION = 0x13;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private KeySlot(byte[] bytes) {
        this.bytes = bytes;
    }

    public static KeySlot parse(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new BackupFormatException("key slot is " + bytes.length + " bytes, expected " + BYTES);
        }
        KeySlot slot = new KeySlot(bytes.clone());
        if (bytes[0] != KDF_ARGON2ID || bytes[1] != ARGON2_VERSION) {
            throw new BackupFormatException("key slot: unknown key-derivation function " + bytes[0] + "/" + bytes[1]);
        }
        slot.parameters();
        return slot;
    }

    /** Wraps {@code dataKey} for a header whose SHA-256 is {@code headerHash}. */
    public static KeySlot wrap(byte[] dataKey, Password password, Argon2Parameters parameters, byte[] headerHash) {
        try (Sealer sealer = Sealer.derive(password, parameters)) {
            return sealer.wrap(dataKey, headerHash);
        }
    }

    /**
     * The key-encryption key of a new key slot: a fresh salt and its Argon2id derivation, which need no header, so
     * that the costly part of a backup's start can run while the backup is still being planned. Wiped on close.
     */
    public static final class Sealer implements AutoCloseable {
        private final byte[] salt;
        private final Argon2Parameters parameters;
        private final PasswordKey key;

        private Sealer(byte[] salt, Argon2Parameters parameters, PasswordKey key) {
            this.salt = salt;
            this.parameters = parameters;
            this.key = key;
        }

        public static Sealer derive(Password password, Argon2Parameters parameters) {
            byte[] salt = new byte[PasswordKeyDerivation.SALT_BYTES];
            RANDOM.nextBytes(salt);
            return new Sealer(salt, parameters, PasswordKey.derive(password, salt, parameters));
        }

        /** The slot that wraps {@code dataKey} for a header whose SHA-256 is {@code headerHash}. */
        public KeySlot wrap(byte[] dataKey, byte[] headerHash) {
            ByteBuffer slot = ByteBuffer.allocate(BYTES)
                    .put(KDF_ARGON2ID).put(ARGON2_VERSION)
                    .putInt(parameters.memoryKiB()).putInt(parameters.iterations()).put((byte) parameters.parallelism())
                    .put(salt).put(key.checkValue());
            byte[] aad = wrapAad(headerHash, Arrays.copyOf(slot.array(), WRAP_AAD_PREFIX));
            byte[] wrapped = key.aead().encrypt(dataKey, aad);
            // The write's proof: the slot opens with the key just derived. A re-read of the file then needs no second
            // derivation (BackupFileWriter.reread).
            byte[] unwrapped = key.aead().decrypt(wrapped, aad);
            boolean opens = MessageDigest.isEqual(unwrapped, dataKey);
            Arrays.fill(unwrapped, (byte) 0);
            if (!opens) {
                throw new IllegalStateException("the key slot does not unwrap to the data key it wraps");
            }
            slot.put(wrapped);
            return new KeySlot(slot.array());
        }

        @Override
        public void close() {
            key.close();
        }

        @Override
        public String toString() {
            return "KeySlot.Sealer[Argon2id, key hidden]";
        }
    }

    /**
     * @throws WrongPasswordException if the password check does not match (or the slot's KDF fields were altered)
     * @throws BackupFormatException if the wrapped key does not authenticate
     */
    public byte[] unwrap(Password password, byte[] headerHash) {
        try (PasswordKey key = PasswordKey.unlock(password, salt(), parameters(), Arrays.copyOfRange(bytes, 27, 43))
                .orElseThrow(() -> new WrongPasswordException("wrong password, or the key slot was altered"))) {
            Aead aead = key.aead();
            return aead.decrypt(Arrays.copyOfRange(bytes, WRAP_AAD_PREFIX, BYTES),
                    wrapAad(headerHash, Arrays.copyOf(bytes, WRAP_AAD_PREFIX)));
        } catch (AuthenticationFailedException e) {
            throw new BackupFormatException("key slot: the wrapped data key failed authentication "
                    + "(the header or the key slot was altered)");
        }
    }

    public Argon2Parameters parameters() {
        ByteBuffer in = ByteBuffer.wrap(bytes, 2, 9);
        try {
            return Argon2Parameters.read(in.getInt(), in.getInt(), Byte.toUnsignedInt(in.get()));
        } catch (IllegalArgumentException e) {
            throw new BackupFormatException("key slot: " + e.getMessage());
        }
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The KDF description, for humans and tools. */
    public Map<String, Object> describe() {
        Argon2Parameters parameters = parameters();
        Map<String, Object> kdf = new LinkedHashMap<>();
        kdf.put("algorithm", "argon2id");
        kdf.put("version", 19);
        kdf.put("memoryKiB", parameters.memoryKiB());
        kdf.put("iterations", parameters.iterations());
        kdf.put("parallelism", parameters.parallelism());
        kdf.put("salt", Base64.getEncoder().encodeToString(salt()));
        return kdf;
    }

    private byte[] salt() {
        return Arrays.copyOfRange(bytes, 11, 27);
    }

    private static byte[] wrapAad(byte[] headerHash, byte[] slotPrefix) {
        byte[] aad = Arrays.copyOf(headerHash, headerHash.length + slotPrefix.length);
        System.arraycopy(slotPrefix, 0, aad, headerHash.length, slotPrefix.length);
        return aad;
    }
}
