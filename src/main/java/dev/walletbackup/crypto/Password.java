package dev.walletbackup.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
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

    /** The raw characters, for the key-derivation function only. */
    char[] unsafeChars() {
        return chars;
    }

    /** UTF-8 bytes of the password; the caller wipes them after use. */
    byte[] toUtf8() {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
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
