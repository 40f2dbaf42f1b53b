package dev.walletbackup.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON object in canonical form (docs/backup-format.md, section 6): keys in code-point order at every depth,
 * no white space, absent (null) fields left out. Fields are written as they are given, and must be given in key
 * order — a field out of order is a programming error, refused at once — so a record is encoded without building a
 * map first. Nested objects (metadata, volumes) are sorted here.
 */
public final class CanonicalJson {
    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final TypeReference<TreeMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ByteArrayBuilder bytes = new ByteArrayBuilder(256);
    private final JsonGenerator json;
    private String lastKey = "";

    private CanonicalJson() {
        try {
            json = SORTED.getFactory().createGenerator(bytes);
            json.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CanonicalJson object() {
        return new CanonicalJson();
    }

    public CanonicalJson string(String key, String value) {
        if (value != null) {
            try {
                json.writeStringField(next(key), value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    public CanonicalJson number(String key, Long value) {
        if (value != null) {
            try {
                json.writeNumberField(next(key), value.longValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
            value(key, parsed);
        }
        return this;
    }

    /** A map of strings, written as an object with sorted keys (field by field: no data binding for a flat map). */
    public CanonicalJson object(String key, Map<String, String> map) {
        try {
            json.writeObjectFieldStart(next(key));
            for (Map.Entry<String, String> entry : new TreeMap<>(map).entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The encoded object; the builder cannot be used afterwards. */
    public byte[] toBytes() {
        try {
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private CanonicalJson value(String key, Object value) {
        try {
            json.writeFieldName(next(key));
            SORTED.writeValue(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private String next(String key) {
        if (key.compareTo(lastKey) <= 0) {
            throw new IllegalStateException("canonical JSON field " + key + " after " + lastKey + ": out of key order");
        }
        lastKey = key;
        return key;
    }
}
