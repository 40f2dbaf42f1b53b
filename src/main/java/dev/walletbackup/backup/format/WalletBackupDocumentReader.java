package dev.walletbackup.backup.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.wallet.AgentWallet;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * Parses a WalletBackup document as a stream (a version-4 payload's sections by {@link SectionedDocumentReader}), hands each record to a {@link BackupContentHandler}, and proves the
 * document whole: the content digest and counts it recomputes must equal the ones written at its end, and its
 * identity must equal the file header's.
 */
public final class WalletBackupDocumentReader {
    private static final ObjectMapper MAPPER = WalletJson.mapper();
    /** One reader per record type, found once: ObjectMapper.readValue looks the deserializer up on every call. */
    private static final ObjectReader WALLET = MAPPER.readerFor(AgentWallet.class);
    private static final ObjectReader LIFECYCLE = MAPPER.readerFor(WalletLifecycleRecord.class);
    private static final ObjectReader BALANCE = MAPPER.readerFor(AgentBalance.class);
    private static final ObjectReader TOMBSTONE = MAPPER.readerFor(Tombstone.class);

    private WalletBackupDocumentReader() {
    }

    public static WalletBackupDocumentWriter.Summary read(InputStream payload, BackupHeader header,
                                                         BackupContentHandler handler) throws IOException {
        if (header.formatVersion() >= SectionedDocumentWriter.FIRST_VERSION) {
            return SectionedDocumentReader.read(payload, header, handler);
        }
        try {
            return parse(payload, header, handler);
        } catch (JsonProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BackupFormatException integrity) {
                    throw integrity;
                }
            }
            throw new BackupFormatException("payload: not a valid WalletBackup document: " + e.getOriginalMessage(), e);
        }
    }

    private static WalletBackupDocumentWriter.Summary parse(InputStream payload, BackupHeader header,
                                                           BackupContentHandler handler) throws IOException {
        CanonicalDigest digest = new CanonicalDigest();
        long wallets = 0;
        long lifecycleRecords = 0;
        long balances = 0;
        long tombstones = 0;
        BackupCounts writtenCounts = null;
        String writtenChecksum = null;
        String writtenStateDigest = null;
        byte[] writtenStateLtHash = null;
        byte[] envelope = null;
        String evmXpub = null;
        String xrpXpub = null;
        String fingerprint = null;
        Long seedCreatedAt = null;
        try (JsonParser parser = MAPPER.getFactory().createParser(payload)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "document");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "version" -> require(header.payload().equals(parser.getText()), "document version differs from the header");
                    case "backupId" -> require(header.backupId().equals(parser.getText()), "backupId differs from the header");
                    case "type" -> require(header.type().wireName().equals(parser.getText()), "type differs from the header");
                    case "highWaterMark" -> require(header.highWaterMark() == parser.getLongValue(), "highWaterMark differs from the header");
                    case "seedFingerprint" -> fingerprint = parser.getText();
                    case "encryptedMasterSeed" -> envelope = parser.getBinaryValue();
                    case "seedCreatedAt" -> seedCreatedAt = parser.getLongValue();
                    case "accountKeys" -> {
                        JsonNode keys = parser.readValueAsTree();
                        evmXpub = keys.path("evm").asText(null);
                        xrpXpub = keys.path("xrp").asText(null);
                    }
                    case "wallets" -> {
                        MasterSeedRecord seed = seedRecord(envelope, fingerprint, evmXpub, xrpXpub, seedCreatedAt, header);
                        digest.seed(seed);
                        handler.seed(seed);
                        expect(value, JsonToken.START_ARRAY, field);
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            AgentWallet wallet = WALLET.readValue(parser);
                            digest.wallet(wallet);
                            handler.wallet(wallet);
                            wallets++;
                        }
                    }
                    case "lifecycleRecords" -> {
                        expect(value, JsonToken.START_ARRAY, field);
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            WalletLifecycleRecord record = LIFECYCLE.readValue(parser);
                            digest.lifecycle(record);
                            handler.lifecycle(record);
                            lifecycleRecords++;
                        }
                    }
                    case "balanceSnapshots" -> {
                        expect(value, JsonToken.START_OBJECT, field);
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String agentId = parser.currentName();
                            expect(parser.nextToken(), JsonToken.START_ARRAY, "balanceSnapshots." + agentId);
                            while (parser.nextToken() == JsonToken.START_OBJECT) {
                                AgentBalance balance = BALANCE.readValue(parser);
                                require(agentId.equals(balance.agentId()), "a balance is filed under another agent");
                                digest.balance(balance);
                                handler.balance(balance);
                                balances++;
                            }
                        }
                    }
                    case "tombstones" -> {
                        expect(value, JsonToken.START_ARRAY, field);
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            Tombstone tombstone = TOMBSTONE.readValue(parser);
                            digest.tombstone(tombstone);
                            handler.tombstone(tombstone);
                            tombstones++;
                        }
                    }
                    case "counts" -> writtenCounts = MAPPER.readValue(parser, BackupCounts.class);
                    case "checksum" -> writtenChecksum = parser.getText();
                    case "stateDigest" -> writtenStateDigest = parser.getText();
                    case "stateLtHash" -> writtenStateLtHash = parser.getBinaryValue();
                    default -> parser.skipChildren();
                }
            }
            require(parser.currentToken() == JsonToken.END_OBJECT, "document does not end where expected");
            require(parser.nextToken() == null, "data after the end of the document");
        }
        BackupCounts counts = new BackupCounts(wallets, lifecycleRecords, balances, tombstones);
        require(writtenChecksum != null && writtenCounts != null, "document has no checksum or counts (incomplete)");
        require(counts.equals(writtenCounts), "the document holds " + counts.describe() + " but records "
                + writtenCounts.describe());
        String recomputed = digest.finish();
        require(recomputed.equals(writtenChecksum), "content digest mismatch: recomputed " + recomputed
                + ", recorded " + writtenChecksum);
        String stateDigest = stateDigest(header, recomputed, writtenStateDigest);
        return new WalletBackupDocumentWriter.Summary(counts, recomputed, stateDigest,
                stateLtHash(header, writtenStateLtHash, stateDigest));
    }

    /**
     * The state digest the trailer authenticates: required from version 2 on (and, in version 2, equal to the
     * content digest for a full); a version-1 document has none, so only its full's state is known (its content).
     */
    private static String stateDigest(BackupHeader header, String contentDigest, String written) {
        if (header.isVersion1()) {
            require(written == null, "a version-1 document has no stateDigest");
            return header.type() == BackupType.FULL ? contentDigest : null;
        }
        require(written != null && written.matches("[0-9a-f]{64}"), "the trailer has no state digest (incomplete)");
        require(header.hasLtHashStateDigest() || header.type() == BackupType.INCREMENTAL || written.equals(contentDigest),
                "a full's state digest differs from its content digest");
        return written;
    }

    /** Version 3's LtHash of the state, which must be what the trailer's state digest is the SHA-256 of. */
    private static LtHash stateLtHash(BackupHeader header, byte[] written, String stateDigest) {
        if (!header.hasLtHashStateDigest()) {
            require(written == null, "a version-" + header.formatVersion() + " document has no stateLtHash");
            return null;
        }
        require(written != null && written.length == LtHash.BYTES, "the trailer has no stateLtHash of "
                + LtHash.BYTES + " bytes (incomplete)");
        LtHash hash = LtHash.fromBytes(written);
        require(hash.digest().equals(stateDigest), "the trailer's stateDigest is not the SHA-256 of its stateLtHash");
        return hash;
    }

    private static MasterSeedRecord seedRecord(byte[] envelope, String fingerprint, String evmXpub, String xrpXpub,
                                               Long createdAt, BackupHeader header) {
        require(envelope != null && evmXpub != null && xrpXpub != null && createdAt != null && fingerprint != null,
                "the master seed fields are missing");
        require(fingerprint.equals(header.seedFingerprint()), "seedFingerprint differs from the header");
        return new MasterSeedRecord(envelope, fingerprint, evmXpub, xrpXpub, Instant.ofEpochMilli(createdAt), 0);
    }

    private static void expect(JsonToken actual, JsonToken expected, String where) {
        require(actual == expected, where + ": expected " + expected + " but found " + actual);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new BackupFormatException("payload: " + problem);
        }
    }
}
