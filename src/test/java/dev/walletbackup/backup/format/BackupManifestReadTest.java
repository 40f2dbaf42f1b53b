package dev.walletbackup.backup.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.json.WalletJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A manifest is untrusted input: each way of bending the rules of docs/backup-format.md section 4 is refused with
 * the file and a reason an operator can act on, and the fixture's real manifest is read as it is.
 */
class BackupManifestReadTest {
    static final Path FIXTURE = Path.of(System.getProperty("wallet.home", "."), "src", "test", "resources", "fixtures",
            "backup-v1", "wallet-backup-20261125T175709193Z-full-0ccaecce09d5faee.manifest.json");

    @TempDir
    Path directory;
    Path manifest;

    @BeforeEach
    void copyOfARealManifest() throws IOException {
        manifest = Files.copy(FIXTURE, directory.resolve(FIXTURE.getFileName()));
    }

    @Test
    void aRealManifestIsReadAndNamesItsFileBesideIt() throws IOException {
        BackupManifest read = BackupManifest.read(manifest);
        assertThat(read.fileName()).isEqualTo("wallet-backup-20261125T175709193Z-full-0ccaecce09d5faee.wbk");
        assertThat(BackupManifest.manifestNameFor(read.fileName())).isEqualTo(manifest.getFileName().toString());
        assertThat(Files.size(manifest)).isLessThan(BackupManifest.MAX_BYTES / 64);
    }

    enum Hostile {
        UNKNOWN_FIELD("unknown field \"path\"", node -> node.put("path", "/etc/passwd")),
        MISSING_FIELD("missing field(s) sha256", node -> node.remove("sha256")),
        UNKNOWN_COUNT("unknown field \"counts.secrets\"", node -> ((ObjectNode) node.get("counts")).put("secrets", 1)),
        WRONG_TYPE("field \"bytes\" has a value of the wrong type", node -> node.put("bytes", "many")),
        UNKNOWN_TYPE("field \"type\" has a value of the wrong type", node -> node.put("type", "partial")),
        MALFORMED_ID("id \"0CCAECCE09D5FAEE\" is malformed", node -> node.put("id", "0CCAECCE09D5FAEE")),
        BAD_TIME("createdAt \"yesterday\" is not an ISO-8601 instant", node -> node.put("createdAt", "yesterday")),
        PARENT_PATH("fileName \"../outside.wbk\" is not the name of a backup file", node -> node.put("fileName", "../outside.wbk")),
        ABSOLUTE_PATH("a name in a manifest is never a path", node -> node.put("fileName", "/etc/outside.wbk")),
        CONTROL_CHARACTERS("fileName \"x\\u001B[2Jy.wbk\"", node -> node.put("fileName", "x\u001b[2Jy.wbk")),
        ANOTHER_BACKUPS_NAME("does not match the manifest's id, type and creation time",
                node -> node.put("fileName", "wallet-backup-20261125T175709193Z-full-1111111111111111.wbk")),
        ANOTHER_TYPE("does not match", node -> node.put("type", "incremental").put("parentId", "1111111111111111")),
        NEWER_VERSION("format version 6 is not one this version reads (1, 2, 3, 4 or 5)", node -> node.put("formatVersion", 6)),
        VERSION_2_WITHOUT_ITS_FIELDS("missing field(s) timeline, reservedThrough", node -> node.put("formatVersion", 2)),
        VERSION_1_WITH_A_TIMELINE("field \"reservedThrough\" is not one of format version 1",
                node -> node.put("reservedThrough", 7)),
        TIMELINE_FIELD_MISSING("missing field(s) timeline.parentId",
                node -> ((ObjectNode) asVersion2(node).get("timeline")).remove("parentId")),
        TIMELINE_UNKNOWN_FIELD("unknown field \"timeline.path\"",
                node -> ((ObjectNode) asVersion2(node).get("timeline")).put("path", "/etc")),
        TIMELINE_MALFORMED_ID("timeline.id is not 16 hex digits",
                node -> ((ObjectNode) asVersion2(node).get("timeline")).put("id", "../x")),
        TIMELINE_PARENT_WITHOUT_BRANCH_POINT("timeline.parentId without timeline.branchedFrom",
                node -> ((ObjectNode) asVersion2(node).get("timeline")).put("parentId", "1111111111111111")),
        RESERVATION_OUT_OF_RANGE("reservedThrough 2147483648 is out of range",
                node -> asVersion2(node).put("reservedThrough", 2147483648L)),
        TIMELINE_NULL("timeline and reservedThrough may not be null", node -> asVersion2(node).putNull("timeline"));

        final String reason;
        final Consumer<ObjectNode> edit;

        Hostile(String reason, Consumer<ObjectNode> edit) {
            this.reason = reason;
            this.edit = edit;
        }
    }

    /** The fixture's manifest turned into a well-formed version-2 one. */
    static ObjectNode asVersion2(ObjectNode node) {
        node.put("formatVersion", 2).put("reservedThrough", 41).putObject("timeline").put("id", "00112233445566ff")
                .put("startedAt", "2026-11-25T17:00:00.000Z").putNull("parentId").putNull("branchedFrom");
        return node;
    }

    @Test
    void aVersion2ManifestCarriesItsTimelineAndReservation() throws IOException {
        ObjectNode node = asVersion2((ObjectNode) WalletJson.mapper().readTree(manifest.toFile()));
        Files.write(manifest, WalletJson.mapper().writeValueAsBytes(node));
        BackupManifest read = BackupManifest.read(manifest);
        assertThat(read.timeline()).isEqualTo(new Timeline("00112233445566ff", "2026-11-25T17:00:00.000Z", null, null));
        assertThat(read.reservedThrough()).isEqualTo(41L);
        assertThat(read.isVersion1()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Hostile.class)
    void aManifestThatBendsARuleIsRefusedNamingTheFileAndWhy(Hostile hostile) throws IOException {
        ObjectNode node = (ObjectNode) WalletJson.mapper().readTree(manifest.toFile());
        hostile.edit.accept(node);
        Files.write(manifest, WalletJson.mapper().writeValueAsBytes(node));
        assertThatThrownBy(() -> BackupManifest.read(manifest)).isInstanceOf(UnreadableManifestException.class)
                .hasMessageStartingWith(manifest + ": ").hasMessageContaining(hostile.reason)
                .satisfies(e -> assertThat(((UnreadableManifestException) e).reason()).doesNotContain(manifest.toString()));
    }

    @Test
    void aManifestUnderAnotherNameThanItsBackupsIsRefused() throws IOException {
        Path renamed = Files.move(manifest, directory.resolve(
                "wallet-backup-20261125T175709193Z-full-2222222222222222.manifest.json"));
        assertThatThrownBy(() -> BackupManifest.read(renamed)).hasMessageContaining(
                "it describes wallet-backup-20261125T175709193Z-full-0ccaecce09d5faee.wbk, so it must be named "
                        + "wallet-backup-20261125T175709193Z-full-0ccaecce09d5faee.manifest.json");
    }

    @Test
    void contentAfterTheObjectIsRefused() throws IOException {
        Files.writeString(manifest, Files.readString(manifest) + " {}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BackupManifest.read(manifest)).hasMessageContaining("more content follows the JSON object at line");
    }

    @Test
    void aLinkToAManifestElsewhereIsNotFollowed() throws IOException {
        Path elsewhere = Files.move(manifest, Files.createDirectories(directory.resolve("elsewhere")).resolve("m.json"));
        Files.createSymbolicLink(manifest, elsewhere);
        assertThatThrownBy(() -> BackupManifest.read(manifest)).hasMessageContaining("not a regular file");
    }
}
