package dev.walletbackup.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;

/** Reads any JSON value into its compact text, the counterpart of {@code @JsonRawValue} on a String field. */
public final class RawJson extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return WalletJson.mapper().writeValueAsString(parser.readValueAsTree());
    }
}
