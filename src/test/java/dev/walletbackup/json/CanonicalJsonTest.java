package dev.walletbackup.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The canonical JSON of a record is the bytes Jackson writes for it: the direct path for plain ASCII and numbers must
 * not change a single byte of any state digest that backups already carry.
 */
class CanonicalJsonTest {
    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void everySingleCharacterIsEncodedAsJacksonEncodesIt() throws IOException {
        List<String> texts = new ArrayList<>();
        for (char c = 0; c < 0x100; c++) {
            texts.add("a" + c + "z");
        }
        texts.addAll(List.of("", "\"", "\\", "\u2028\u2029", "é", "日本", "😀", "tab\there", "0x" + "ab".repeat(20),
                "USD.rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "{\"json\":\"in a string\"}"));
        for (String text : texts) {
            assertThat(new String(CanonicalJson.object().string("k", text).toBytes(), StandardCharsets.UTF_8))
                    .as("text of %d chars starting %x", text.length(), text.isEmpty() ? 0 : (int) text.charAt(0))
                    .isEqualTo(jackson(Map.of("k", text)));
        }
    }

    @Test
    void randomRecordsAreEncodedAsJacksonEncodesThem() throws IOException {
        Random random = new Random(20261127);
        for (int run = 0; run < 2_000; run++) {
            TreeMap<String, Object> fields = new TreeMap<>();
            CanonicalJson json = CanonicalJson.object();
            String agent = randomText(random);
            long at = random.nextLong();
            String metadata = random.nextBoolean() ? null
                    : SORTED.writeValueAsString(Map.of("k" + randomText(random), randomText(random), "n", random.nextInt()));
            Long block = random.nextBoolean() ? null : (long) random.nextInt(1_000_000);
            Map<String, String> volume = Map.of(randomText(random), Long.toString(random.nextLong()));
            json.string("agentId", agent).number("blockNumber", block).number("createdAt", at)
                    .object("metadata", metadata).object("totalVolume", volume);
            fields.put("agentId", agent);
            if (block != null) {
                fields.put("blockNumber", block);
            }
            fields.put("createdAt", at);
            if (metadata != null) {
                fields.put("metadata", SORTED.readValue(metadata, TreeMap.class));
            }
            fields.put("totalVolume", new TreeMap<>(volume));

            assertThat(new String(json.toBytes(), StandardCharsets.UTF_8)).isEqualTo(jackson(fields));
        }
    }

    @Test
    void aFieldOutOfKeyOrderIsRefused() {
        CanonicalJson json = CanonicalJson.object().string("token", "ETH");

        assertThatThrownBy(() -> json.string("agentId", "a")).isInstanceOf(IllegalStateException.class)
                .hasMessage("canonical JSON field agentId after token: out of key order");
    }

    @Test
    void absentFieldsAreLeftOutAndAnEmptyRecordIsAnEmptyObject() {
        assertThat(CanonicalJson.object().string("a", null).number("b", null).object("c", (String) null).toBytes())
                .asString(StandardCharsets.UTF_8).isEqualTo("{}");
    }

    @Test
    void aColumnThatIsNotAJsonObjectIsRefusedNamingTheField() {
        assertThatThrownBy(() -> CanonicalJson.object().object("metadata", "[1, 2]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("field metadata is not a JSON object");
    }

    /** Printable ASCII mostly, with escapes, non-ASCII and surrogate pairs now and then, as agent-chosen text is. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(10)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append(random.nextBoolean() ? '"' : '\\');
                case 2 -> text.append((char) (0xA0 + random.nextInt(0x2000)));
                case 3 -> text.appendCodePoint(0x1F600 + random.nextInt(0x40));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    /** The fields through one Jackson generator, as canonical records were written before the direct path. */
    private static String jackson(Map<String, Object> fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = SORTED.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, Object> field : new TreeMap<>(fields).entrySet()) {
                generator.writeFieldName(field.getKey());
                SORTED.writeValue(generator, field.getValue());
            }
            generator.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
