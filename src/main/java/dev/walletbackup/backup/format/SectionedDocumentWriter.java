package dev.walletbackup.backup.format;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.crypto.Sha256;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.statedigest.BackgroundLtHash;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.statedigest.RowSum;
import dev.walletbackup.statedigest.StateElement;
import dev.walletbackup.store.RowText;
import dev.walletbackup.wallet.AgentWallet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a version-4 payload (docs/backup-format.md, section 5.1): the head, the four sections of rows in any order
 * within each, and the trailer. The content digest is the SHA-256 of the bytes written before the trailer. A full sums
 * its rows' row sum (section 6.2) and, when asked to hash its records, their LtHash, on other threads. Sections must
 * come in order (wallet, lifecycle, balance, tombstone); an empty one may be skipped, its name and end are written all
 * the same.
 */
public final class SectionedDocumentWriter implements BackupDocumentWriter {
    /** The first format version whose payload is sections of rows. */
    public static final int FIRST_VERSION = 4;
    private static final int FLUSH_AT = 1 << 16;
    /** Bytes of streamed rows summed by one task of {@link RowTextState}: some two thousand rows. */
    private static final int HASH_BATCH = 1 << 18;

    private final OutputStream out;
    private final BackupHeader header;
    private final MessageDigest content = Sha256.newDigest();
    /** A full's LtHash of the rows written as records, when it hashes its records; null otherwise. */
    private final BackgroundLtHash fullState;
    /** A full's row sum of the rows written as records (and of the seed); null in an incremental. */
    private final RowSum recordRows;
    private final StringBuilder rows = new StringBuilder(FLUSH_AT + 1024);
    private final long[] counts = new long[Section.values().length];
    /** The sums of a full's rows streamed as row text ({@link #rowsOf}); null until the first. */
    private RowTextState streamedState;
    /** The sums of the streamed rows, once every one is summed. */
    private RowTextState.Sums streamedSums;
    /** The stream of row text of the current section, while one is open. */
    private StreamedRows streamed;
    /** The section being written; null before the first. */
    private Section section;
    private boolean finished;

    /** A writer that hashes a full's records into their LtHash. */
    public SectionedDocumentWriter(OutputStream out, BackupHeader header, MasterSeedRecord seed) {
        this(out, header, seed, true);
    }

    /**
     * @param hashRecords whether a full sums its records' LtHash (which {@link #finish} writes when given none), or only
     *                    their row sum, for a caller that proves the LtHash it gives {@link #finish} with that sum
     */
    public SectionedDocumentWriter(OutputStream out, BackupHeader header, MasterSeedRecord seed, boolean hashRecords) {
        if (header.formatVersion() < FIRST_VERSION) {
            throw new IllegalArgumentException("a version-" + header.formatVersion() + " payload is one JSON object");
        }
        this.out = out;
        this.header = header;
        writeLine(head(header, seed));
        boolean full = header.type() == BackupType.FULL;
        fullState = full && hashRecords ? new BackgroundLtHash(LtHash.empty()) : null;
        recordRows = full ? RowSum.empty() : null;
        if (full) {
            byte[] json = seed.stateElement().canonicalJson();
            recordRows.add(StateElement.SEED, json, 0, json.length);
        }
        addToState(seed.stateElement());
    }

    private static byte[] head(BackupHeader header, MasterSeedRecord seed) {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        try (JsonGenerator json = WalletJson.mapper().getFactory().createGenerator(head)) {
            json.writeStartObject();
            WalletBackupDocumentWriter.writeHeadFields(json, header, seed);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return head.toByteArray();
    }

    @Override
    public void wallet(AgentWallet wallet) {
        row(Section.WALLET, Section.values(wallet));
        addToState(wallet.stateElement());
    }

    @Override
    public void lifecycle(WalletLifecycleRecord record) {
        row(Section.LIFECYCLE, Section.values(record));
        addToState(record.stateElement());
    }

    @Override
    public void balance(AgentBalance balance) {
        row(Section.BALANCE, Section.values(balance));
        addToState(balance.stateElement());
    }

    @Override
    public void tombstone(Tombstone tombstone) {
        if (header.type() == BackupType.FULL) {
            throw new IllegalStateException("a full backup holds no tombstones (docs/backup-format.md, section 5)");
        }
        row(Section.TOMBSTONE, Section.values(tombstone));
    }

    /**
     * Where rows of {@code of} that are row text already (a PostgreSQL COPY's output: whole rows, each ended by its
     * LF) are written, as they come, without being parsed on the caller's thread. They are counted and, in a full,
     * summed on every core ({@link RowTextState}): their row sum, and their LtHash when the full hashes its records.
     * The stream ends with its section: the next record, section or {@link #finish}, which refuse a last row that is
     * not whole. Do not close it.
     */
    @Override
    public OutputStream rowsOf(Section of) {
        enter(of);
        flushRows();
        if (recordRows != null && streamedState == null) {
            streamedState = new RowTextState(fullState != null);
        }
        streamed = new StreamedRows(of);
        return streamed;
    }

    @Override
    public long rows() {
        return Arrays.stream(counts).sum();
    }

    /**
     * The row sum of a full's rows (section 6.2), the seed's included: call it once every row is written. A streamed
     * section's last row must be whole by then.
     */
    @Override
    public RowSum rowSum() {
        if (recordRows == null) {
            throw new IllegalStateException("only a full sums its rows");
        }
        RowSum sum = recordRows.copy();
        RowTextState.Sums streamedRows = streamedSums();
        return streamedRows == null ? sum : sum.add(streamedRows.rowSum());
    }

    /**
     * Closes the last section and writes the trailer with {@code state}: an incremental's is the store's LtHash at its
     * snapshot; a full's is the LtHash of the records it holds, summed here when {@code state} is null.
     */
    @Override
    public WalletBackupDocumentWriter.Summary finish(LtHash state) {
        if (state == null && fullState == null) {
            throw new IllegalArgumentException("the state's LtHash must be given: this document did not hash its records");
        }
        RowTextState.Sums streamedRows = streamedSums();
        enter(null);
        flushRows();
        finished = true;
        BackupCounts written = new BackupCounts(counts[Section.WALLET.ordinal()], counts[Section.LIFECYCLE.ordinal()],
                counts[Section.BALANCE.ordinal()], counts[Section.TOMBSTONE.ordinal()]);
        String checksum = HexFormat.of().formatHex(content.digest());
        if (state == null) {
            state = streamedRows == null ? fullState.finish() : fullState.finish().add(streamedRows.ltHash());
        }
        Map<String, Object> trailer = new LinkedHashMap<>();
        trailer.put("counts", written);
        trailer.put("checksum", checksum);
        trailer.put("stateLtHash", state.toBytes());
        trailer.put("stateDigest", state.digest());
        try {
            out.write(WalletJson.mapper().writeValueAsBytes(trailer));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WalletBackupDocumentWriter.Summary(written, checksum, state.digest(), state.copy());
    }

    @Override
    public void abandon() {
        if (fullState != null) {
            fullState.close();
        }
        if (streamedState != null) {
            streamedState.close();
        }
    }

    /** Ends a streamed section and waits for its rows' sums; null if no rows were streamed. */
    private RowTextState.Sums streamedSums() {
        if (streamed != null) {
            streamed.end();
            streamed = null;
        }
        if (streamedSums == null && streamedState != null) {
            streamedSums = streamedState.finish();
        }
        return streamedSums;
    }

    private void row(Section of, List<String> values) {
        enter(of);
        int before = rows.length();
        RowText.append(rows, values);
        if (recordRows != null) {
            int lastValue = rows.lastIndexOf("\t", rows.length() - 1);
            byte[] text = rows.substring(before, lastValue).getBytes(StandardCharsets.UTF_8);
            recordRows.add(of.wireName(), text, 0, text.length);
        }
        // a character is at most 4 bytes of UTF-8: only a long row is measured in bytes
        if (rows.length() - before > Section.MAX_ROW_BYTES / 4
                && rows.substring(before).getBytes(StandardCharsets.UTF_8).length > Section.MAX_ROW_BYTES) {
            throw tooLong(of);
        }
        counts[of.ordinal()]++;
        if (rows.length() >= FLUSH_AT) {
            flushRows();
        }
    }

    /** Ends the sections before {@code next} (null: every section) and begins {@code next}. */
    private void enter(Section next) {
        if (finished) {
            throw new IllegalStateException("the document is finished");
        }
        if (streamed != null) {
            streamed.end();
            streamed = null;
        }
        if (next != null && next == section) {
            return;
        }
        int to = next == null ? Section.values().length : next.ordinal();
        if (section != null && to < section.ordinal()) {
            throw new IllegalStateException("backup records out of order: " + next + " after " + section);
        }
        for (int i = section == null ? 0 : section.ordinal(); i < to; i++) {
            if (section == null || i > section.ordinal()) {
                rows.append(Section.values()[i].wireName()).append('\n');
            }
            rows.append(Section.END).append('\n');
        }
        if (next != null) {
            rows.append(next.wireName()).append('\n');
        }
        section = next;
    }

    private void addToState(StateElement record) {
        if (fullState != null) {
            fullState.add(record.bytes());
        }
    }

    private void flushRows() {
        writeBytes(rows.toString().getBytes(StandardCharsets.UTF_8));
        rows.setLength(0);
    }

    private void writeLine(byte[] line) {
        writeBytes(line);
        writeBytes(new byte[] {'\n'});
    }

    private void writeBytes(byte[] bytes) {
        writeBytes(bytes, 0, bytes.length);
    }

    private void writeBytes(byte[] bytes, int offset, int length) {
        content.update(bytes, offset, length);
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalStateException tooLong(Section of) {
        return new IllegalStateException("a row of the " + of.wireName() + " section is longer than "
                + Section.MAX_ROW_BYTES + " bytes, more than a reader of the backup holds; nothing is written");
    }

    /**
     * Row text written as it comes: its rows counted and measured (none may be longer than a reader takes) and, in a
     * full, handed to the hashing in batches of whole rows.
     */
    private final class StreamedRows extends OutputStream {
        private final Section of;
        private byte[] batch = new byte[HASH_BATCH];
        private int filled;
        /** Bytes of the row being written, since the last LF. */
        private long rowBytes;

        StreamedRows(Section of) {
            this.of = of;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (streamed != this) {
                throw new IllegalStateException("rows of the " + of.wireName() + " section written after it ended");
            }
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    counts[of.ordinal()]++;
                    rowBytes = 0;
                } else if (++rowBytes > Section.MAX_ROW_BYTES) {
                    throw tooLong(of);
                }
            }
            writeBytes(bytes, offset, length);
            if (streamedState != null) {
                keepForHashing(bytes, offset, length);
            }
        }

        private void keepForHashing(byte[] bytes, int offset, int length) {
            if (filled + length > batch.length) {
                batch = Arrays.copyOf(batch, Math.max(batch.length * 2, filled + length));
            }
            System.arraycopy(bytes, offset, batch, filled, length);
            filled += length;
            if (filled < HASH_BATCH) {
                return;
            }
            int lastRowEnd = filled - 1;
            while (lastRowEnd >= 0 && batch[lastRowEnd] != '\n') {
                lastRowEnd--;
            }
            if (lastRowEnd >= 0) {
                streamedState.add(of, Arrays.copyOf(batch, lastRowEnd + 1));
                System.arraycopy(batch, lastRowEnd + 1, batch, 0, filled - lastRowEnd - 1);
                filled -= lastRowEnd + 1;
            }
        }

        void end() {
            if (rowBytes > 0) {
                throw new IllegalStateException("the " + of.wireName() + " section's last row is not whole (no LF)");
            }
            if (filled > 0) {
                streamedState.add(of, Arrays.copyOf(batch, filled));
            }
            filled = 0;
        }
    }
}
