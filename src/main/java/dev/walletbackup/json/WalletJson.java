package dev.walletbackup.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.Collectors;

/**
 * The one JSON dialect of wallet-backup, shared by command output and backup payloads. It follows the original
 * TypeScript connector: instants are epoch milliseconds, exact integers (wei, drops, volumes) are decimal strings
 * because JSON numbers cannot hold 78 digits, exact decimals too (plain, never in E notation), and absent optional
 * fields are left out.
 */
public final class WalletJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("exact-integers").addSerializer(BigInteger.class, ToStringSerializer.instance)
                    .addSerializer(BigDecimal.class, new PlainDecimalSerializer()))
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private WalletJson() {
    }

    private static final class PlainDecimalSerializer extends ToStringSerializerBase {
        PlainDecimalSerializer() {
            super(BigDecimal.class);
        }

        @Override
        public String valueToString(Object value) {
            return ((BigDecimal) value).toPlainString();
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * What is wrong with a JSON document, for an operator: the rule it broke and where (line and column), without
     * Jackson's "[Source: …]" or Java class names. Other failures keep their own message.
     */
    public static String problem(Exception failure) {
        if (!(failure instanceof JsonProcessingException json)) {
            return failure.getMessage();
        }
        if (json.getCause() instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
            return invalid.getMessage();
        }
        String what;
        if (json instanceof JsonEOFException) {
            what = "the document ends too early";
        } else if (json instanceof UnrecognizedPropertyException unknown) {
            what = "unknown field \"" + unknown.getPropertyName() + "\"";
        } else if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            what = "field \"" + mapping.getPath().stream().map(reference -> reference.getFieldName() != null
                    ? reference.getFieldName() : String.valueOf(reference.getIndex())).collect(Collectors.joining("."))
                    + "\" has a value of the wrong kind";
        } else {
            what = json.getOriginalMessage();
        }
        JsonLocation at = json.getLocation();
        return at == null || at.getLineNr() < 1 ? what : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
