package dev.walletbackup.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * A password held as characters that can be wiped. It never prints itself: {@link #toString()} is redacted,
 * and the raw characters are only reachable through {@link #unsafeChars()}, a name that is easy to search for.
 */
public final class Password implements AutoCloseable {
    private final char[] chars;

    private Password(char[] chars) {
        this.chars = chars;
    }

    /** Takes ownership of {@code chars}; the caller must not keep or wipe its own reference. */
    public static Password adopt(char[] chars) {
        return new Password(chars);
    }

    public int length() {
        return chars.length;
    }

    /** A copy of the characters that the caller owns and wipes. */
    public char[] copyChars() {
        return chars.clone();
    }

    /** Whether {@code other} is the same password (as key derivation sees it), compared in constant time. */
    public boolean sameAs(Password other) {
        byte[] mine = toUtf8();
        byte[] theirs = other.toUtf8();
        try {
            return MessageDigest.isEqual(mine, theirs);
        } finally {
            Arrays.fill(mine, (byte) 0);
            Arrays.fill(theirs, (byte) 0);
        }
    }

    /** The raw characters, for the key-derivation function only. */
    char[] unsafeChars() {
        return chars;
    }

    /**
     * UTF-8 bytes of the password in Unicode normalisation form C, what key derivation uses, so that the same
     * password typed on systems that compose characters differently (NFC or NFD) gives the same key. The caller
     * wipes them after use. A password that is not already in NFC passes through one {@link String} on its way,
     * which cannot be wiped: a cost paid only by such passwords.
     */
    byte[] toUtf8() {
        if (typedInNfc()) {
            return asTypedUtf8();
        }
        char[] normalised = Normalizer.normalize(CharBuffer.wrap(chars), Normalizer.Form.NFC).toCharArray();
        try {
            return utf8(normalised);
        } finally {
            Arrays.fill(normalised, '\0');
        }
    }

    /** Whether the password as typed is already in NFC (every ASCII password is). */
    boolean typedInNfc() {
        return Normalizer.isNormalized(CharBuffer.wrap(chars), Normalizer.Form.NFC);
    }

    /** UTF-8 bytes of the password exactly as typed: how secrets were sealed before passwords were normalised. */
    byte[] asTypedUtf8() {
        return utf8(chars);
    }

    private static byte[] utf8(char[] characters) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(characters));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    @Override
    public void close() {
        Arrays.fill(chars, '\0');
    }

    @Override
    public String toString() {
        return "Password[redacted]";
    }
}
