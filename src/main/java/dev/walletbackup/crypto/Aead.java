package dev.walletbackup.crypto;

/**
 * Authenticated encryption with associated data. Callers never choose nonces: each implementation makes its
 * own and carries it inside the ciphertext. The associated data is authenticated but not encrypted; decryption
 * with different associated data fails.
 */
public interface Aead {
    byte[] encrypt(byte[] plaintext, byte[] associatedData);

    /** @throws AuthenticationFailedException if the ciphertext or the associated data was altered, or the key is wrong */
    byte[] decrypt(byte[] ciphertext, byte[] associatedData);
}
