package dev.walletbackup.crypto;

/** Ciphertext that did not authenticate: a wrong key (so a wrong password) or altered bytes. */
public class AuthenticationFailedException extends RuntimeException {
    public AuthenticationFailedException(String message) {
        super(message);
    }
}
