package dev.walletbackup.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    /** Strings of every kind the encoder treats apart: plain ASCII, escapes, the edges of printable ASCII, UTF-8. */
    private static final List<String> STRINGS = List.of("", "agent-1", "0xAbC", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
            "1400000000000000000", "a\"quote", "back\\slash", "tab\there", "line\nbreak", "\r\b\f\u000b\u0000\u001f",
            " ~", "\u007f", "/slash", "caf\u00e9", "\u20ac", "emoji \ud83d\ude00", "\u00a0");

    @Test
    void aStringIsEncodedAsJacksonEncodesItWhateverItHolds() throws IOException {
        for (String value : STRINGS) {
            byte[] encoded = CanonicalJson.object().string("key", value).toBytes();

            assertThat(new String(encoded, StandardCharsets.UTF_8)).as("%s", value)
                    .isEqualTo(jacksonObject(Map.of("key", value)));
        }
    }

    @Test
    void fieldsAreWrittenInOrderWithoutWhiteSpaceAndAbsentOnesLeftOut() {
        byte[] encoded = CanonicalJson.object()
                .string("agentId", "agent-1")
                .number("createdAt", 1_795_847_302_449L)
                .string("evmAddress", null)
                .number("lastActivity", null)
                .object("metadata", "{\"z\": [1, 2.5, {\"b\": null, \"a\": \"\\u00e9\"}], \"a\": true}")
                .number("negative", -5L)
                .object("volume", Map.of("XRP", "12", "ETH", "1000000000000000000"))
                .toBytes();

        assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo("{\"agentId\":\"agent-1\","
                + "\"createdAt\":1795847302449,\"metadata\":{\"a\":true,\"z\":[1,2.5,{\"a\":\"\u00e9\",\"b\":null}]},"
                + "\"negative\":-5,\"volume\":{\"ETH\":\"1000000000000000000\",\"XRP\":\"12\"}}");
    }

    @Test
    void anEmptyObjectIsTwoBraces() {
        assertThat(new String(CanonicalJson.object().string("a", null).toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{}");
    }

    @Test
    void aFieldOutOfKeyOrderIsRefused() {
        CanonicalJson json = CanonicalJson.object().string("b", "x");

        assertThatThrownBy(() -> json.string("a", "y")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("out of key order");
    }

    @Test
    void textThatIsNotAJsonObjectIsRefusedNamingTheField() {
        assertThatThrownBy(() -> CanonicalJson.object().object("metadata", "[1, 2]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field metadata");
    }

    @Test
    void aFinishedObjectCannotBeExtended() {
        CanonicalJson json = CanonicalJson.object();
        json.toBytes();

        assertThatThrownBy(() -> json.string("a", "b")).isInstanceOf(IllegalStateException.class);
    }

    private static String jacksonObject(Map<String, String> fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = new ObjectMapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, String> field : new LinkedHashMap<>(fields).entrySet()) {
                json.writeStringField(field.getKey(), field.getValue());
            }
            json.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
