package dev.walletbackup.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A row of a version-4 section (docs/proposals/backup-format-4.md, item 2): PostgreSQL's COPY text format, specified
 * byte for byte so that a PostgreSQL store's {@code COPY … TO STDOUT} output can be stored as it comes and an H2 store
 * formats its reads into the same bytes. Values are separated by TAB and a row ends with LF; an absent value is
 * {@code \N}; inside a value a backslash is doubled and BS, FF, LF, CR, TAB and VT are written {@code \b \f \n \r \t
 * \v}, exactly the characters PostgreSQL escapes (other control characters pass as they are). The reader accepts only
 * what the writer writes: any other backslash sequence is a malformed row.
 */
public final class RowText {
    private static final char SEPARATOR = '\t';
    private static final String ABSENT = "\\N";

    private RowText() {
    }

    /** Appends one row: its values (null for absent) and the LF that ends it. */
    public static void append(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            String value = values.get(i);
            if (value == null) {
                out.append(ABSENT);
            } else {
                appendEscaped(out, value);
            }
        }
        out.append('\n');
    }

    /** One row's text without its LF: what {@link StateChange} sums for the row of a record. */
    public static String of(List<String> values) {
        StringBuilder row = new StringBuilder(128);
        append(row, values);
        row.setLength(row.length() - 1);
        return row.toString();
    }

    /** The values of one row, given without its LF; IllegalArgumentException saying what is malformed. */
    public static List<String> parse(CharSequence row) {
        List<String> values = new ArrayList<>(12);
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i <= row.length(); i++) {
            char c = i == row.length() ? SEPARATOR : row.charAt(i);
            if (c == SEPARATOR) {
                // most values hold no backslash: taken as they are, without a character-by-character copy
                values.add(escaped ? unescapedValue(row, start, i) : row.subSequence(start, i).toString());
                start = i + 1;
                escaped = false;
            } else if (c == '\\') {
                if (i + 1 == row.length()) {
                    throw new IllegalArgumentException("malformed row: it ends with a lone backslash");
                }
                escaped = true;
                i++; // the escaped character, which may be a TAB
            } else if (c == '\n') {
                throw new IllegalArgumentException("malformed row: a line break inside the row, at " + i);
            }
        }
        return values;
    }

    /** A value holding a backslash: {@code \N} (absent) alone, or escapes to undo. */
    private static String unescapedValue(CharSequence row, int start, int end) {
        if (end - start == 2 && row.charAt(start + 1) == 'N') {
            return null;
        }
        StringBuilder value = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = row.charAt(i);
            if (c != '\\') {
                value.append(c);
            } else if (i + 1 == end) {
                throw new IllegalArgumentException("malformed row: it ends with a lone backslash");
            } else {
                char next = row.charAt(++i);
                if (next == 'N' && i == start + 1) {
                    throw new IllegalArgumentException("malformed row: \\N followed by more of the same value, at " + i);
                }
                value.append(unescaped(next, i));
            }
        }
        return value.toString();
    }

    private static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u000b' -> out.append("\\v");
                default -> out.append(c);
            }
        }
    }

    private static char unescaped(char escaped, int at) {
        return switch (escaped) {
            case '\\' -> '\\';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000b';
            default -> throw new IllegalArgumentException("malformed row: \\" + escaped + " is not an escape of "
                    + "this format, at " + at);
        };
    }
}
