package dev.walletbackup.backup.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.crypto.Sha256;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.store.RowText;
import dev.walletbackup.wallet.AgentWallet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads a version-4 payload (docs/backup-format.md, section 5.1) as a stream, hands each record to a
 * {@link BackupContentHandler} in the order of the file, and proves it whole: the head's identity equals the file
 * header's, every row is well-formed, and the counts and the SHA-256 of the bytes read equal the trailer's.
 */
final class SectionedDocumentReader {
    /** A longer line is refused before it is held in memory; no writer writes one (head and trailer are short). */
    private static final int MAX_LINE_BYTES = Section.MAX_ROW_BYTES;

    private final PayloadLines lines;
    private final BackupHeader header;
    private final BackupContentHandler handler;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final long[] counts = new long[Section.values().length];

    private SectionedDocumentReader(InputStream payload, BackupHeader header, BackupContentHandler handler) {
        this.lines = new PayloadLines(payload);
        this.header = header;
        this.handler = handler;
    }

    static WalletBackupDocumentWriter.Summary read(InputStream payload, BackupHeader header,
                                                   BackupContentHandler handler) throws IOException {
        return new SectionedDocumentReader(payload, header, handler).read();
    }

    private WalletBackupDocumentWriter.Summary read() throws IOException {
        handler.seed(seed(json(lines.next(), "head")));
        for (Section section : Section.values()) {
            readSection(section);
        }
        String recomputed = HexFormat.of().formatHex(lines.contentDigest());
        JsonNode trailer = json(lines.next(), "trailer");
        require(lines.atEnd(), "data after the trailer");
        BackupCounts counts = new BackupCounts(this.counts[Section.WALLET.ordinal()],
                this.counts[Section.LIFECYCLE.ordinal()], this.counts[Section.BALANCE.ordinal()],
                this.counts[Section.TOMBSTONE.ordinal()]);
        BackupCounts written;
        try {
            written = WalletJson.mapper().treeToValue(trailer.path("counts"), BackupCounts.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BackupFormatException("payload: the trailer's counts are not valid: " + WalletJson.problem(e), e);
        }
        require(written != null && counts.equals(written), "the document holds " + counts.describe()
                + " but records " + (written == null ? "no counts" : written.describe()));
        String checksum = trailer.path("checksum").asText("");
        require(recomputed.equals(checksum), "content digest mismatch: recomputed " + recomputed + ", recorded "
                + checksum);
        String stateDigest = trailer.path("stateDigest").asText("");
        require(stateDigest.matches("[0-9a-f]{64}"), "the trailer has no state digest (incomplete)");
        byte[] ltHash;
        try {
            ltHash = trailer.path("stateLtHash").binaryValue();
        } catch (IOException e) {
            throw new BackupFormatException("payload: the trailer's stateLtHash is not base64", e);
        }
        require(ltHash != null && ltHash.length == LtHash.BYTES, "the trailer has no stateLtHash of " + LtHash.BYTES
                + " bytes (incomplete)");
        LtHash state = LtHash.fromBytes(ltHash);
        require(state.digest().equals(stateDigest), "the trailer's stateDigest is not the SHA-256 of its stateLtHash");
        return new WalletBackupDocumentWriter.Summary(counts, recomputed, stateDigest, state);
    }

    private MasterSeedRecord seed(JsonNode head) {
        require(header.payload().equals(head.path("version").asText(null)), "document version differs from the header");
        require(header.backupId().equals(head.path("backupId").asText(null)), "backupId differs from the header");
        require(header.type().wireName().equals(head.path("type").asText(null)), "type differs from the header");
        require(head.path("highWaterMark").canConvertToExactIntegral()
                && header.highWaterMark() == head.path("highWaterMark").asLong(), "highWaterMark differs from the header");
        require(header.seedFingerprint().equals(head.path("seedFingerprint").asText(null)),
                "seedFingerprint differs from the header");
        byte[] envelope;
        try {
            envelope = head.path("encryptedMasterSeed").binaryValue();
        } catch (IOException e) {
            throw new BackupFormatException("payload: encryptedMasterSeed is not base64", e);
        }
        JsonNode keys = head.path("accountKeys");
        String evmXpub = keys.path("evm").asText(null);
        String xrpXpub = keys.path("xrp").asText(null);
        JsonNode createdAt = head.path("seedCreatedAt");
        require(envelope != null && evmXpub != null && xrpXpub != null && createdAt.canConvertToExactIntegral(),
                "the master seed fields are missing");
        return new MasterSeedRecord(envelope, header.seedFingerprint(), evmXpub, xrpXpub,
                Instant.ofEpochMilli(createdAt.asLong()), 0);
    }

    private void readSection(Section section) throws IOException {
        require(Arrays.equals(lines.next(), section.wireName().getBytes(StandardCharsets.US_ASCII)),
                "section " + section.wireName() + " is not where it belongs");
        byte[] end = Section.END.getBytes(StandardCharsets.US_ASCII);
        for (byte[] line = lines.next(); !Arrays.equals(line, end); line = lines.next()) {
            long number = ++counts[section.ordinal()];
            Object record;
            try {
                record = section.record(RowText.parse(utf8.decode(ByteBuffer.wrap(line))));
            } catch (CharacterCodingException e) {
                throw new BackupFormatException("payload: " + section.wireName() + " row " + number
                        + " is not UTF-8", e);
            } catch (IllegalArgumentException e) {
                throw new BackupFormatException("payload: " + section.wireName() + " row " + number + ": "
                        + e.getMessage(), e);
            }
            handle(record);
        }
    }

    private void handle(Object record) {
        if (record instanceof AgentWallet wallet) {
            handler.wallet(wallet);
        } else if (record instanceof WalletLifecycleRecord lifecycle) {
            handler.lifecycle(lifecycle);
        } else if (record instanceof AgentBalance balance) {
            handler.balance(balance);
        } else {
            require(header.type() == BackupType.INCREMENTAL, "a full backup holds a tombstone");
            handler.tombstone((Tombstone) record);
        }
    }

    private static JsonNode json(byte[] line, String what) {
        try {
            JsonNode node = WalletJson.mapper().readTree(line);
            require(node != null && node.isObject(), "the " + what + " is not a JSON object");
            return node;
        } catch (IOException e) {
            throw new BackupFormatException("payload: the " + what + " is not valid JSON: " + WalletJson.problem(e), e);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new BackupFormatException("payload: " + problem);
        }
    }

    /** The payload's lines, without their LF; every byte before the trailer goes into the content digest. */
    private static final class PayloadLines {
        private final InputStream in;
        private final MessageDigest content = Sha256.newDigest();
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private boolean digesting = true;

        PayloadLines(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            byte[] line = null;
            int length = 0;
            while (true) {
                if (position == limit && !fill()) {
                    throw new BackupFormatException("payload: it ends inside "
                            + (line == null && length == 0 ? "the document" : "a line") + " (truncated)");
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int taken = position - start;
                if (length + taken > MAX_LINE_BYTES) {
                    throw new BackupFormatException("payload: a line longer than " + MAX_LINE_BYTES + " bytes");
                }
                line = line == null ? Arrays.copyOfRange(buffer, start, position)
                        : append(line, length, start, taken);
                length += taken;
                if (position < limit) {
                    position++; // the LF
                    if (digesting) {
                        content.update(buffer, start, position - start);
                    }
                    return line;
                }
                if (digesting) {
                    content.update(buffer, start, taken);
                }
            }
        }

        private byte[] append(byte[] line, int length, int start, int taken) {
            byte[] longer = Arrays.copyOf(line, length + taken);
            System.arraycopy(buffer, start, longer, length, taken);
            return longer;
        }

        /** The digest of every byte read so far; lines read after it are not digested. */
        byte[] contentDigest() {
            digesting = false;
            return content.digest();
        }

        boolean atEnd() throws IOException {
            return position == limit && !fill();
        }

        private boolean fill() throws IOException {
            int read = in.readNBytes(buffer, 0, buffer.length);
            position = 0;
            limit = read;
            return read > 0;
        }
    }
}
