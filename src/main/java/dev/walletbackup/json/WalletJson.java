package dev.walletbackup.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigInteger;

/**
 * The one JSON dialect of wallet-backup, shared by command output and backup payloads. It follows the original
 * TypeScript connector: instants are epoch milliseconds, exact integers (wei, drops, volumes) are decimal strings
 * because JSON numbers cannot hold 78 digits, and absent optional fields are left out.
 */
public final class WalletJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("exact-integers").addSerializer(BigInteger.class, ToStringSerializer.instance))
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private WalletJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
