package dev.walletbackup.crypto;

/** The password does not unlock this ciphertext; the stored bytes themselves may be intact. */
public class WrongPasswordException extends RuntimeException {
    public WrongPasswordException(String message) {
        super(message);
    }
}
