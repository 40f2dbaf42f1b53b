package dev.walletbackup.seed;

import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.AuthenticationFailedException;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordKey;
import dev.walletbackup.crypto.PasswordKeyDerivation;
import dev.walletbackup.crypto.Sha256;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.derivation.MasterSeed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The master seed sealed under a password. The envelope carries everything a reader needs besides the password,
 * so it decrypts on a brand-new machine. Layout (big-endian integers), 172 bytes in all:
 *
 * <pre>
 * MAGIC "WBSE"(4) || VERSION 0x01(1) || KDF 0x01 = Argon2id v0x13(1) || MEMORY_KIB(4) || ITERATIONS(4)
 *   || PARALLELISM(1) || SALT(16) || CIPHER 0x01 = AES-256-GCM(1) || PASSWORD_CHECK(16)
 *   || NONCE(12) || CIPHERTEXT(64) || TAG(16) || SHA-256 of all preceding bytes(32)
 * </pre>
 *
 * Everything before NONCE is the header and is the AES-GCM associated data, so no byte can be changed on purpose
 * without decryption failing. The trailing SHA-256 (unkeyed) catches accidental damage before any key work, and
 * PASSWORD_CHECK then tells a wrong password apart from deliberately altered bytes, so each failure is named.
 */
public final class SeedEnvelope {
    static final byte[] MAGIC = "WBSE".getBytes(StandardCharsets.US_ASCII);
    static final byte VERSION = 1;
    static final byte KDF_ARGON2ID = 1;
    static final byte CIPHER_AES_256_GCM = 1;
    static final int HEADER_BYTES = 4 + 1 + 1 + 4 + 4 + 1 + PasswordKeyDerivation.SALT_BYTES + 1 + PasswordKey.CHECK_BYTES;
    static final int SEALED_SEED_BYTES = 12 + MasterSeed.SEED_BYTES + 16;
    static final int DIGEST_BYTES = 32;
    public static final int ENVELOPE_BYTES = HEADER_BYTES + SEALED_SEED_BYTES + DIGEST_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SeedEnvelope() {
    }

    public static byte[] seal(MasterSeed seed, Password password, Argon2Parameters parameters) {
        byte[] salt = new byte[PasswordKeyDerivation.SALT_BYTES];
        RANDOM.nextBytes(salt);
        try (PasswordKey key = PasswordKey.derive(password, salt, parameters)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES)
                    .put(MAGIC).put(VERSION).put(KDF_ARGON2ID)
                    .putInt(parameters.memoryKiB()).putInt(parameters.iterations())
                    .put((byte) parameters.parallelism()).put(salt)
                    .put(CIPHER_AES_256_GCM).put(key.checkValue());
            byte[] headerBytes = header.array();
            byte[] sealed = seed.withBytes(bytes -> key.aead().encrypt(bytes, headerBytes));
            byte[] envelope = Arrays.copyOf(headerBytes, ENVELOPE_BYTES);
            System.arraycopy(sealed, 0, envelope, HEADER_BYTES, sealed.length);
            System.arraycopy(digest(envelope), 0, envelope, HEADER_BYTES + SEALED_SEED_BYTES, DIGEST_BYTES);
            return envelope;
        }
    }

    /**
     * @throws WrongPasswordException if the password does not match the envelope's check value
     * @throws SeedEnvelopeException if the envelope is malformed or any byte of it was altered
     */
    public static MasterSeed open(byte[] envelope, Password password) {
        Argon2Parameters parameters = readParameters(envelope);
        byte[] salt = Arrays.copyOfRange(envelope, 15, 15 + PasswordKeyDerivation.SALT_BYTES);
        byte[] storedCheck = Arrays.copyOfRange(envelope, HEADER_BYTES - PasswordKey.CHECK_BYTES, HEADER_BYTES);
        byte[] header = Arrays.copyOf(envelope, HEADER_BYTES);
        try (PasswordKey key = PasswordKey.unlock(password, salt, parameters, storedCheck).orElseThrow(
                () -> new WrongPasswordException("wrong password for the master seed envelope"))) {
            byte[] seed = key.aead().decrypt(
                    Arrays.copyOfRange(envelope, HEADER_BYTES, HEADER_BYTES + SEALED_SEED_BYTES), header);
            return MasterSeed.adopt(seed);
        } catch (AuthenticationFailedException e) {
            throw new SeedEnvelopeException("the master seed envelope was altered: " + e.getMessage());
        }
    }

    /** The envelope's Argon2id parameters, validated before any work is spent on them. */
    public static Argon2Parameters readParameters(byte[] envelope) {
        if (envelope.length != ENVELOPE_BYTES) {
            throw new SeedEnvelopeException("the master seed envelope is " + envelope.length + " bytes, expected "
                    + ENVELOPE_BYTES);
        }
        byte[] storedDigest = Arrays.copyOfRange(envelope, ENVELOPE_BYTES - DIGEST_BYTES, ENVELOPE_BYTES);
        if (!MessageDigest.isEqual(storedDigest, digest(envelope))) {
            throw new SeedEnvelopeException("the master seed envelope is damaged (SHA-256 mismatch)");
        }
        ByteBuffer in = ByteBuffer.wrap(envelope);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new SeedEnvelopeException("not a master seed envelope (bad magic)");
        }
        byte version = in.get();
        if (version != VERSION) {
            throw new SeedEnvelopeException("unsupported master seed envelope version " + version);
        }
        byte kdf = in.get();
        if (kdf != KDF_ARGON2ID) {
            throw new SeedEnvelopeException("unknown key-derivation function id " + kdf + " in the master seed envelope");
        }
        int memory = in.getInt();
        int iterations = in.getInt();
        int parallelism = Byte.toUnsignedInt(in.get());
        in.position(in.position() + PasswordKeyDerivation.SALT_BYTES);
        byte cipher = in.get();
        if (cipher != CIPHER_AES_256_GCM) {
            throw new SeedEnvelopeException("unknown cipher id " + cipher + " in the master seed envelope");
        }
        try {
            return Argon2Parameters.read(memory, iterations, parallelism);
        } catch (IllegalArgumentException e) {
            throw new SeedEnvelopeException("the master seed envelope has invalid parameters: " + e.getMessage());
        }
    }

    private static byte[] digest(byte[] envelope) {
        MessageDigest sha256 = Sha256.newDigest();
        sha256.update(envelope, 0, ENVELOPE_BYTES - DIGEST_BYTES);
        return sha256.digest();
    }

    /** A malformed or altered envelope. */
    public static final class SeedEnvelopeException extends RuntimeException {
        SeedEnvelopeException(String message) {
            super(message);
        }
    }
}
