package dev.walletbackup.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The shared fixture of the original connector (src/test/resources/fixtures/legacy-ts: a real five-wallet full backup
 * and its installation's salt file, copied from shared/legacy-ts) and backups made from it for tests, checksummed by
 * the original's rule (its compact JSON with checksum "" — which Jackson writes alike for this ASCII, integer-only
 * content).
 */
public final class LegacyFixtures {
    /** The fixture's backup password: a test value that has never protected anything. */
    public static final String PASSWORD = "TestP@ssw0rd12345678";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyFixtures() {
    }

    public static ObjectNode fiveWallets() {
        try (InputStream in = LegacyFixtures.class.getResourceAsStream("/fixtures/legacy-ts/five-wallets.backup.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the fixture's backup and salt file into {@code directory}; returns the backup's path. */
    public static Path copyFiveWallets(Path directory) throws IOException {
        copy("five-wallets.encryption-salt", directory);
        return copy("five-wallets.backup.json", directory);
    }

    public static Path saltFile(Path directory) {
        return directory.resolve("five-wallets.encryption-salt");
    }

    private static Path copy(String name, Path directory) throws IOException {
        try (InputStream in = LegacyFixtures.class.getResourceAsStream("/fixtures/legacy-ts/" + name)) {
            Path file = directory.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    /** The fixture changed by {@code change}, its checksum recomputed, written as the original writes (2-space indent). */
    public static Path write(Path file, Consumer<ObjectNode> change) throws IOException {
        ObjectNode backup = fiveWallets();
        change.accept(backup);
        backup.put("checksum", checksum(backup));
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(backup), StandardCharsets.UTF_8);
        return file;
    }

    static String checksum(JsonNode backup) throws IOException {
        ObjectNode blank = (ObjectNode) backup.deepCopy();
        blank.put("checksum", "");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsString(blank).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
