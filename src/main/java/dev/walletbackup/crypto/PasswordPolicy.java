package dev.walletbackup.crypto;

/**
 * The password policy for everything that encrypts wallet secrets: at least 16 characters with an upper-case
 * letter, a lower-case letter, a digit and a symbol. The refusal names the rule that failed, never the password.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 16;

    private PasswordPolicy() {
    }

    public static void check(Password password) {
        char[] chars = password.unsafeChars();
        if (chars.length < MIN_LENGTH) {
            throw new WeakPasswordException("the password must be at least " + MIN_LENGTH
                    + " characters long (it has " + chars.length + ")");
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean symbol = false;
        for (char c : chars) {
            if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else if (!Character.isWhitespace(c) && !Character.isISOControl(c)) {
                symbol = true;
            }
        }
        require(upper, "an upper-case letter");
        require(lower, "a lower-case letter");
        require(digit, "a digit");
        require(symbol, "a symbol (a character that is not a letter, digit or space)");
    }

    private static void require(boolean present, String what) {
        if (!present) {
            throw new WeakPasswordException("the password must contain " + what);
        }
    }

    /** A password that the policy refuses. */
    public static final class WeakPasswordException extends IllegalArgumentException {
        WeakPasswordException(String message) {
            super("Password refused: " + message);
        }
    }
}
