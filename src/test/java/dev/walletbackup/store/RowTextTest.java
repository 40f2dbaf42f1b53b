package dev.walletbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.store.WalletStore;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/** Rows of version-4 sections: the escapes byte for byte, the reader's strictness, and PostgreSQL's own COPY output. */
class RowTextTest {
    /** Every character the format escapes, one it does not (0x01, DEL), text that looks like an escape, non-ASCII. */
    static final List<String> AWKWARD = Arrays.asList("back\\slash", "bs\bff\flf\ncr\rtab\tvt\u000bend",
            "\u0001 and \u007f pass", "\\N is text here", "", null, "\u00fcnicode \u20ac \uD83D\uDCB0", "plain");

    @TempDir
    Path temp;

    @Test
    void eachEscapeIsWrittenAsPostgresqlWritesIt() {
        StringBuilder row = new StringBuilder();
        RowText.append(row, AWKWARD);

        assertThat(row.toString()).isEqualTo("back\\\\slash\tbs\\bff\\flf\\ncr\\rtab\\tvt\\vend\t\u0001 and \u007f pass\t"
                + "\\\\N is text here\t\t\\N\t\u00fcnicode \u20ac \uD83D\uDCB0\tplain\n");
    }

    @Test
    void aRowReadsBackAsTheValuesItWasWrittenFrom() {
        StringBuilder row = new StringBuilder();
        RowText.append(row, AWKWARD);

        assertThat(RowText.parse(row.subSequence(0, row.length() - 1))).isEqualTo(AWKWARD);
        assertThat(RowText.parse("")).containsExactly("");
        assertThat(RowText.parse("\\N")).containsExactly((String) null);
    }

    @Test
    void anythingTheWriterDoesNotWriteIsRefused() {
        assertThatThrownBy(() -> RowText.parse("a\\x41")).hasMessageContaining("\\x is not an escape");
        assertThatThrownBy(() -> RowText.parse("a\\101")).hasMessageContaining("\\1 is not an escape");
        assertThatThrownBy(() -> RowText.parse("x\\N")).hasMessageContaining("\\N is not an escape");
        assertThatThrownBy(() -> RowText.parse("\\Nx")).hasMessageContaining("\\N followed by more");
        assertThatThrownBy(() -> RowText.parse("ends\\")).hasMessageContaining("lone backslash");
        assertThatThrownBy(() -> RowText.parse("two\nrows")).hasMessageContaining("line break inside");
    }

    @Test
    void postgresqlCopiesTheSameBytesOutOfItsOwnTable() {
        try (WalletStore store = WalletStore.open(TestStores.config(Kind.POSTGRESQL, temp))) {
            byte[] copied = store.write(connection -> {
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("CREATE TEMPORARY TABLE awkward (" + IntStream.range(0, AWKWARD.size())
                            .mapToObj(column -> "c" + column + " text").collect(Collectors.joining(", ")) + ")");
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO awkward VALUES ("
                        + "?, ".repeat(AWKWARD.size() - 1) + "?)")) {
                    for (int i = 0; i < AWKWARD.size(); i++) {
                        insert.setString(i + 1, AWKWARD.get(i));
                    }
                    insert.executeUpdate();
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY awkward TO STDOUT", out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out.toByteArray();
            });

            StringBuilder row = new StringBuilder();
            RowText.append(row, AWKWARD);
            assertThat(new String(copied, StandardCharsets.UTF_8)).isEqualTo(row.toString());
        }
    }
}
