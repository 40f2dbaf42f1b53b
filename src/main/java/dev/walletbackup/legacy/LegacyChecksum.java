package dev.walletbackup.legacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.walletbackup.crypto.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HexFormat;

/**
 * The {@code checksum} of a format-1.0 backup as the original connector defined it: the hex SHA-256 of the compact
 * {@code JSON.stringify} of the backup object with {@code checksum} set to {@code ""}. The compact text is rebuilt from
 * the file's own tokens — keys in the file's order, numbers exactly as written (they were written by
 * {@code JSON.stringify}), strings escaped as {@code JSON.stringify} escapes them (non-ASCII characters as they are) —
 * so that no re-serialisation decides a byte.
 */
final class LegacyChecksum {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String FIELD = "checksum";

    private LegacyChecksum() {
    }

    /** The checksum of the backup whose file holds {@code json}. */
    static String of(byte[] json) throws IOException {
        StringBuilder compact = new StringBuilder(json.length);
        BitSet inArray = new BitSet();
        BitSet hasElement = new BitSet();
        int depth = 0;
        boolean blankNext = false;
        try (JsonParser parser = JSON.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    separate(compact, hasElement, depth);
                    appendString(compact, parser.currentName());
                    compact.append(':');
                    blankNext = depth == 1 && FIELD.equals(parser.currentName());
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    compact.append(token == JsonToken.END_OBJECT ? '}' : ']');
                    depth--;
                    continue;
                }
                if (inArray.get(depth)) {
                    separate(compact, hasElement, depth);
                }
                if (blankNext) {
                    parser.skipChildren();
                    compact.append("\"\"");
                    blankNext = false;
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    compact.append(token == JsonToken.START_OBJECT ? '{' : '[');
                    depth++;
                    inArray.set(depth, token == JsonToken.START_ARRAY);
                    hasElement.clear(depth);
                } else if (token == JsonToken.VALUE_STRING) {
                    appendString(compact, parser.getText());
                } else {
                    compact.append(parser.getText());
                }
            }
        }
        return HexFormat.of().formatHex(Sha256.of(compact.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A comma before every element of a container but its first. */
    private static void separate(StringBuilder compact, BitSet hasElement, int depth) {
        if (hasElement.get(depth)) {
            compact.append(',');
        }
        hasElement.set(depth);
    }

    /** A string as JSON.stringify writes it (ECMAScript QuoteJSONString, lone surrogates escaped). */
    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                            && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
