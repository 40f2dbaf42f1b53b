package dev.walletbackup.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.walletbackup.json.WalletJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Writes a JSON array one element at a time, so a million-row listing never sits in memory. */
final class JsonArrayWriter implements AutoCloseable {
    private final JsonGenerator generator;

    JsonArrayWriter(PrintWriter out) throws IOException {
        this.generator = WalletJson.mapper().getFactory().createGenerator(out).useDefaultPrettyPrinter();
        generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        generator.writeStartArray();
    }

    void write(Object element) {
        try {
            WalletJson.mapper().writeValue(generator, element);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        generator.writeEndArray();
        generator.writeRaw(System.lineSeparator());
        generator.close();
    }
}
