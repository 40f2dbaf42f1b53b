package dev.walletbackup.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON object in canonical form (docs/backup-format.md, section 6): keys in code-point order at every depth,
 * no white space, absent (null) fields left out. Fields are written as they are given, and must be given in key
 * order — a field out of order is a programming error, refused at once — so a record is encoded without building a
 * map first. Nested objects (metadata, volumes) are sorted here.
 *
 * <p>Jackson defines the encoding of every value. A string of printable ASCII other than {@code "} and {@code \}
 * (addresses, identifiers, decimal amounts: nearly every value of the state) is the one case written here, byte for
 * byte what Jackson writes for it (the string between quotes, unchanged); any other string is written by Jackson.
 * Each row of a backup is encoded once to be hashed, so this is on the path of every row.
 */
public final class CanonicalJson {
    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final TypeReference<TreeMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private byte[] bytes = new byte[256];
    private int length;
    private String lastKey = "";

    private CanonicalJson() {
        append('{');
    }

    public static CanonicalJson object() {
        return new CanonicalJson();
    }

    public CanonicalJson string(String key, String value) {
        if (value != null) {
            field(key);
            quoted(value);
        }
        return this;
    }

    public CanonicalJson number(String key, Long value) {
        if (value != null) {
            field(key);
            ascii(Long.toString(value));
        }
        return this;
    }

    /** A JSON object given as text (a stored column), re-encoded canonically; null leaves the field out. */
    public CanonicalJson object(String key, String objectText) {
        if (objectText != null) {
            Map<String, Object> parsed;
            try {
                parsed = SORTED.readValue(objectText, OBJECT);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("field " + key + " is not a JSON object: " + e.getOriginalMessage());
            }
            field(key);
            append(jackson(parsed));
        }
        return this;
    }

    /** A map of strings, written as an object with sorted keys. */
    public CanonicalJson object(String key, Map<String, String> map) {
        field(key);
        append(jackson(new TreeMap<>(map)));
        return this;
    }

    /** The encoded object; the builder cannot be used afterwards. */
    public byte[] toBytes() {
        append('}');
        byte[] encoded = Arrays.copyOf(bytes, length);
        bytes = null;
        return encoded;
    }

    private void field(String key) {
        if (key.compareTo(lastKey) <= 0) {
            throw new IllegalStateException("canonical JSON field " + key + " after " + lastKey + ": out of key order");
        }
        if (!lastKey.isEmpty()) {
            append(',');
        }
        lastKey = key;
        quoted(key);
        append(':');
    }

    private void quoted(String value) {
        if (!isPlainAscii(value)) {
            append(jackson(value));
            return;
        }
        append('"');
        ascii(value);
        append('"');
    }

    /** Printable ASCII without the two characters JSON escapes there: Jackson writes such a string as it is. */
    private static boolean isPlainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static byte[] jackson(Object value) {
        try {
            return SORTED.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a value that JSON cannot encode: " + e.getOriginalMessage(), e);
        }
    }

    private void ascii(String value) {
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            bytes[length++] = (byte) value.charAt(i);
        }
    }

    private void append(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
    }

    private void append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (bytes == null) {
            throw new IllegalStateException("the canonical JSON object is finished");
        }
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
