package dev.walletbackup.backup.format;

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

    /** The values of one row, given without its LF; IllegalArgumentException saying what is malformed. */
    public static List<String> parse(CharSequence row) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean absent = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == SEPARATOR) {
                values.add(absent ? null : value.toString());
                value.setLength(0);
                absent = false;
            } else if (absent) {
                throw new IllegalArgumentException("malformed row: \\N followed by more of the same value, at " + i);
            } else if (c == '\n') {
                throw new IllegalArgumentException("malformed row: a line break inside the row, at " + i);
            } else if (c != '\\') {
                value.append(c);
            } else if (i + 1 == row.length()) {
                throw new IllegalArgumentException("malformed row: it ends with a lone backslash");
            } else {
                char escaped = row.charAt(++i);
                if (escaped == 'N' && value.isEmpty()) {
                    absent = true;
                } else {
                    value.append(unescaped(escaped, i));
                }
            }
        }
        values.add(absent ? null : value.toString());
        return values;
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
