package dev.walletbackup.legacy;

import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.Pbkdf2HmacSha256;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.seed.Mnemonic;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens the original connector's {@code encryptedMasterSeed}: base64 of IV (16 bytes) ‖ GCM tag (16 bytes) ‖
 * AES-256-GCM ciphertext of the UTF-8 mnemonic, no associated data, under PBKDF2-HMAC-SHA256(password, the
 * installation's salt file, 100,000 iterations, 32 bytes). The key is derived once for all the backups of an import
 * and wiped by {@link #close()}; it never prints itself.
 */
final class LegacySeedCipher implements AutoCloseable {
    static final int ITERATIONS = 100_000;
    private static final int IV_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final Path saltFile;

    LegacySeedCipher(Password password, byte[] salt, Path saltFile) {
        this.key = Pbkdf2HmacSha256.deriveKey(password, salt, ITERATIONS, KEY_BYTES);
        this.saltFile = saltFile;
    }

    /**
     * The mnemonic sealed in {@code sealed}, read from {@code file}.
     *
     * @throws WrongPasswordException if the password (with this salt file) does not open it
     * @throws BackupFormatException if it is too short or does not hold a BIP-39 mnemonic
     */
    Mnemonic open(byte[] sealed, Path file) {
        if (sealed.length <= IV_BYTES + TAG_BYTES) {
            throw new BackupFormatException(file + ": encryptedMasterSeed is " + sealed.length
                    + " bytes, too short for IV, tag and ciphertext");
        }
        byte[] ciphertextAndTag = new byte[sealed.length - IV_BYTES];
        System.arraycopy(sealed, IV_BYTES + TAG_BYTES, ciphertextAndTag, 0, sealed.length - IV_BYTES - TAG_BYTES);
        System.arraycopy(sealed, IV_BYTES, ciphertextAndTag, sealed.length - IV_BYTES - TAG_BYTES, TAG_BYTES);
        byte[] plaintext;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BYTES * 8, sealed, 0, IV_BYTES));
            plaintext = cipher.doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new WrongPasswordException(file + ": the legacy password with the salt file " + saltFile
                    + " does not open encryptedMasterSeed (wrong password, or the salt file of another installation)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
        CharBuffer phrase = null;
        try {
            phrase = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plaintext));
            return Mnemonic.parse(phrase);
        } catch (CharacterCodingException e) {
            throw new BackupFormatException(file + ": encryptedMasterSeed does not hold UTF-8 text");
        } catch (Mnemonic.InvalidMnemonicException e) {
            throw new BackupFormatException(file + ": encryptedMasterSeed does not hold a BIP-39 mnemonic: " + e.getMessage());
        } finally {
            Arrays.fill(plaintext, (byte) 0);
            if (phrase != null && phrase.hasArray()) {
                Arrays.fill(phrase.array(), '\0');
            }
        }
    }

    /** {@code mnemonic} sealed as the original sealed it: a random IV, then the tag, then the ciphertext. */
    byte[] seal(Mnemonic mnemonic) {
        byte[] phrase = mnemonic.revealPhrase().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            byte[] ciphertextAndTag = cipher.doFinal(phrase);
            int ciphertext = ciphertextAndTag.length - TAG_BYTES;
            byte[] sealed = new byte[IV_BYTES + TAG_BYTES + ciphertext];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            System.arraycopy(ciphertextAndTag, ciphertext, sealed, IV_BYTES, TAG_BYTES);
            System.arraycopy(ciphertextAndTag, 0, sealed, IV_BYTES + TAG_BYTES, ciphertext);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(phrase, (byte) 0);
        }
    }

    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "LegacySeedCipher[redacted]";
    }
}
