package dev.walletbackup.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON object in canonical form (docs/backup-format.md, section 6): keys in code-point order at every depth,
 * no white space, absent (null) fields left out. Fields are written as they are given, and must be given in key
 * order — a field out of order is a programming error, refused at once — so a record is encoded without building a
 * map first. Nested objects (metadata, volumes) are sorted here.
 *
 * <p>Every record of a backup and of a restore's proof is encoded here, millions per run, so the common case is
 * written straight into bytes: numbers, and strings of printable ASCII with no quote or backslash, which need no
 * escaping. Anything else — a string that needs escaping or is not ASCII, a nested object — is encoded by Jackson,
 * which remains the definition of the bytes (CanonicalJsonTest holds the two to the same output).
 */
public final class CanonicalJson {
    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final TypeReference<TreeMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private String lastKey = "";

    private CanonicalJson() {
        bytes.write('{');
    }

    public static CanonicalJson object() {
        return new CanonicalJson();
    }

    public CanonicalJson string(String key, String value) {
        if (value != null) {
            field(key);
            if (needsNoEscaping(value)) {
                bytes.write('"');
                writeAscii(value);
                bytes.write('"');
            } else {
                writeByJackson(key, value);
            }
        }
        return this;
    }

    public CanonicalJson number(String key, Long value) {
        if (value != null) {
            field(key);
            writeAscii(Long.toString(value));
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
            writeByJackson(key, parsed);
        }
        return this;
    }

    /** A map of strings, written as an object with sorted keys. */
    public CanonicalJson object(String key, Map<String, String> map) {
        field(key);
        writeByJackson(key, new TreeMap<>(map));
        return this;
    }

    /** The encoded object; the builder cannot be used afterwards. */
    public byte[] toBytes() {
        bytes.write('}');
        lastKey = null;
        return bytes.toByteArray();
    }

    /** Writes the separator and the key (keys are the record's own ASCII names, never escaped). */
    private void field(String key) {
        if (key.compareTo(lastKey) <= 0) {
            throw new IllegalStateException("canonical JSON field " + key + " after " + lastKey + ": out of key order");
        }
        if (!needsNoEscaping(key)) {
            throw new IllegalArgumentException("canonical JSON field name " + key + " needs escaping");
        }
        if (!lastKey.isEmpty()) {
            bytes.write(',');
        }
        lastKey = key;
        bytes.write('"');
        writeAscii(key);
        bytes.write('"');
        bytes.write(':');
    }

    private void writeByJackson(String key, Object value) {
        try {
            bytes.writeBytes(SORTED.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("field " + key + " cannot be encoded as JSON: " + e.getOriginalMessage());
        }
    }

    private void writeAscii(String text) {
        bytes.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Printable ASCII without {@code "} or {@code \}: JSON writes it as it is. */
    private static boolean needsNoEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
