package dev.walletbackup.backup.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.statedigest.BackgroundLtHash;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.statedigest.StateElement;
import dev.walletbackup.wallet.AgentWallet;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Streams the WalletBackup document (docs/backup-format.md, section 5) record by record, computing the content
 * digest — and, for a full of version 3, the LtHash of the state it holds (section 6.1) — as it goes. Records must arrive section by section in the specified order: wallets, lifecycle records,
 * balances (grouped by agent), tombstones. Nothing is held in memory but the current record.
 */
public final class WalletBackupDocumentWriter implements BackupDocumentWriter {
    private enum Part { WALLETS, LIFECYCLE, BALANCES, TOMBSTONES, DONE }

    /**
     * The records' serialisation, without the flush Jackson does after each value by default: that would push every
     * record, a few hundred bytes, through the compressor on its own instead of in the generator's buffer-sized runs.
     */
    private static final ObjectWriter RECORDS = WalletJson.mapper().writer()
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final JsonGenerator json;
    private final BackupHeader header;
    private final CanonicalDigest digest = new CanonicalDigest();
    /** The LtHash of a version-3 full's records, which are the whole state, summed on the second core; null otherwise. */
    private final BackgroundLtHash fullState;
    private Part section;
    private String balanceAgent;
    private long wallets;
    private long lifecycleRecords;
    private long balances;
    private long tombstones;

    public WalletBackupDocumentWriter(OutputStream out, BackupHeader header, MasterSeedRecord seed) {
        this.header = header;
        try {
            json = WalletJson.mapper().getFactory().createGenerator(out);
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            writeHeadFields(json, header, seed);
            fullState = header.hasLtHashStateDigest() && header.type() == BackupType.FULL
                    ? new BackgroundLtHash(LtHash.empty()) : null;
            add(seed.stateElement());
            json.writeArrayFieldStart("wallets");
            section = Part.WALLETS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document's fields before its records, from {@code version} to {@code seedCreatedAt} (docs/backup-format.md,
     * section 5): every version's, and the whole head of a version-4 payload (section 5.1).
     */
    static void writeHeadFields(JsonGenerator json, BackupHeader header, MasterSeedRecord seed) throws IOException {
        json.writeStringField("version", header.payload());
        json.writeStringField("backupId", header.backupId());
        json.writeNumberField("timestamp", header.createdInstant().toEpochMilli());
        json.writeStringField("type", header.type().wireName());
        json.writeStringField("parentId", header.parentId());
        json.writeStringField("baseId", header.baseId());
        json.writeNumberField("sinceHighWaterMark", header.sinceHighWaterMark());
        json.writeNumberField("highWaterMark", header.highWaterMark());
        json.writeStringField("seedFingerprint", seed.fingerprint());
        json.writeBinaryField("encryptedMasterSeed", seed.envelope());
        json.writeObjectFieldStart("accountKeys");
        json.writeStringField("evm", seed.evmAccountXpub());
        json.writeStringField("xrp", seed.xrpAccountXpub());
        json.writeEndObject();
        json.writeNumberField("seedCreatedAt", seed.createdAt().toEpochMilli());
    }

    @Override
    public void wallet(AgentWallet wallet) {
        enter(Part.WALLETS);
        write(wallet);
        add(wallet.stateElement());
        wallets++;
    }

    @Override
    public void lifecycle(WalletLifecycleRecord record) {
        enter(Part.LIFECYCLE);
        write(record);
        add(record.stateElement());
        lifecycleRecords++;
    }

    @Override
    public void balance(AgentBalance balance) {
        enter(Part.BALANCES);
        try {
            if (!Objects.equals(balanceAgent, balance.agentId())) {
                if (balanceAgent != null) {
                    json.writeEndArray();
                }
                balanceAgent = balance.agentId();
                json.writeArrayFieldStart(balanceAgent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(balance);
        add(balance.stateElement());
        balances++;
    }

    @Override
    public void tombstone(Tombstone tombstone) {
        enter(Part.TOMBSTONES);
        write(tombstone);
        digest.tombstone(tombstone);
        tombstones++;
    }

    /** A version-3 document is ordered by derivation index: its rows come as records, in that order. */
    @Override
    public OutputStream rowsOf(Section section) {
        throw new IllegalStateException("a version-3 document is written record by record, in derivation order");
    }

    @Override
    public long rows() {
        return wallets + lifecycleRecords + balances + tombstones;
    }

    /**
     * Closes the document with its trailer — counts, checksum and the state digest with its LtHash — and returns
     * them. Does not close the stream. Writes version 3 only: a version-3 file rewritten under a new password.
     *
     * @param incrementalState the store's LtHash at an incremental's snapshot; null for a full, whose records are
     *                         the whole state
     */
    @Override
    public Summary finish(LtHash incrementalState) {
        if ((header.type() == BackupType.INCREMENTAL) != (incrementalState != null)) {
            throw new IllegalArgumentException("an incremental needs the store's LtHash, and only an incremental");
        }
        if (!header.hasLtHashStateDigest()) {
            throw new IllegalStateException("backups of format version " + header.formatVersion() + " are not written");
        }
        enter(Part.DONE);
        BackupCounts counts = new BackupCounts(wallets, lifecycleRecords, balances, tombstones);
        String checksum = digest.finish();
        LtHash state = incrementalState == null ? fullState.finish() : incrementalState;
        try {
            json.writeObjectField("counts", counts);
            json.writeStringField("checksum", checksum);
            json.writeBinaryField("stateLtHash", state.toBytes());
            json.writeStringField("stateDigest", state.digest());
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Summary(counts, checksum, state.digest(), state.copy());
    }

    /**
     * The trailer of a finished document: counts, content digest, state digest and (version 3) the LtHash that the
     * state digest is the SHA-256 of — authenticated, being inside the chunks. The state digest is null only for a
     * version-1 incremental, which does not carry it; the LtHash is null before version 3.
     */
    public record Summary(BackupCounts counts, String contentDigest, String stateDigest, LtHash stateLtHash) {
        /** The summary in words, for messages. */
        public String describe() {
            return counts.describe() + ", content digest " + contentDigest
                    + (stateDigest == null ? "" : ", state digest " + stateDigest);
        }
    }

    /** Stops the work behind an unfinished document, after a failure. */
    @Override
    public void abandon() {
        if (fullState != null) {
            fullState.close();
        }
    }

    private void add(StateElement record) {
        digest.add(record);
        if (fullState != null) {
            fullState.add(record.bytes());
        }
    }

    private void enter(Part next) {
        if (next.ordinal() < section.ordinal()) {
            throw new IllegalStateException("backup records out of order: " + next + " after " + section);
        }
        try {
            while (section.ordinal() < next.ordinal()) {
                switch (section) {
                    case WALLETS -> {
                        json.writeEndArray();
                        json.writeArrayFieldStart("lifecycleRecords");
                    }
                    case LIFECYCLE -> {
                        json.writeEndArray();
                        json.writeObjectFieldStart("balanceSnapshots");
                    }
                    case BALANCES -> {
                        if (balanceAgent != null) {
                            json.writeEndArray();
                        }
                        json.writeEndObject();
                        json.writeArrayFieldStart("tombstones");
                    }
                    case TOMBSTONES -> json.writeEndArray();
                    case DONE -> throw new IllegalStateException("the document is finished");
                }
                section = Part.values()[section.ordinal() + 1];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Object record) {
        try {
            RECORDS.writeValue(json, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
