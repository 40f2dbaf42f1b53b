package dev.walletbackup.backup.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.crypto.Sha256;
import dev.walletbackup.derivation.XrpScheme;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.store.RowText;
import dev.walletbackup.store.StateChange;
import dev.walletbackup.wallet.AgentWallet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payload of version 4 alone (docs/backup-format.md, section 5.1): its bytes, its round trip, its refusals. */
class SectionedDocumentTest {
    private static final Instant T = Instant.parse("2026-11-25T10:15:30.123Z");
    private static final Instant BEFORE_1970 = Instant.parse("1969-12-31T23:59:59.999Z");
    private static final MasterSeedRecord SEED = new MasterSeedRecord(new byte[172], "0a1b2c3d",
            "xpub-evm-placeholder", "xpub-xrp-placeholder", T, 1);
    private static final AgentWallet PLAIN = new AgentWallet("agent-1", 1, "0x" + "ab".repeat(20), "r" + "1".repeat(33),
            T, T, null, 11);
    /** Every character the row text escapes, a non-ASCII one, and the scheme that is written out. */
    private static final AgentWallet ODD = new AgentWallet("agent-\\\t\n\r\b\f\u000b-é", 0, "0x" + "cd".repeat(20),
            "r" + "2".repeat(33), BEFORE_1970, T, "{\"note\":\"tab\\there\"}", 12, XrpScheme.ED25519_LEGACY);
    private static final WalletLifecycleRecord SUSPENDED = new WalletLifecycleRecord(ODD.agentId(),
            LifecycleState.SUSPENDED, T, T, T, null, null, 3, Map.of("ETH", new BigInteger("12345678901234567890")),
            "line one\nline two", 13);
    private static final AgentBalance LARGEST = new AgentBalance(ODD.agentId(), Chain.EVM, "ETH",
            new BigInteger("9".repeat(78)), 18, null, T, 14);
    private static final AgentBalance ZERO = new AgentBalance(PLAIN.agentId(), Chain.XRP, "XRP", BigInteger.ZERO, 6,
            123L, T, 15);
    private static final Tombstone REMOVED = new Tombstone(16, "balance_snapshots",
            "{\"agentId\":\"agent-1\",\"chain\":\"evm\",\"token\":\"USDC\"}", T);

    static BackupHeader header(BackupType type) {
        String id = type == BackupType.FULL ? "00000000000000aa" : "00000000000000bb";
        return new BackupHeader(4, id, type, type == BackupType.FULL ? null : "00000000000000aa", "00000000000000aa",
                T.toString(), type == BackupType.FULL ? 0 : 10, 16, "0a1b2c3d",
                new Timeline("00112233445566ff", T.toString(), null, null), 41L, BackupHeader.CIPHER, 1 << 20,
                "zlib-per-chunk", BackupHeader.payloadOf(4));
    }

    private static Written full(AgentWallet... wallets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupDocumentWriter document = BackupDocumentWriter.of(out, header(BackupType.FULL), SEED);
        Arrays.stream(wallets).forEach(document::wallet);
        document.lifecycle(SUSPENDED);
        document.balance(LARGEST);
        document.balance(ZERO);
        WalletBackupDocumentWriter.Summary summary = document.finish(null);
        return new Written(out.toByteArray(), summary);
    }

    private record Written(byte[] bytes, WalletBackupDocumentWriter.Summary summary) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final class Records implements BackupContentHandler {
        final List<Object> read = new ArrayList<>();

        @Override
        public void seed(MasterSeedRecord seed) {
            read.add(seed.fingerprint());
        }

        @Override
        public void wallet(AgentWallet wallet) {
            read.add(wallet);
        }

        @Override
        public void lifecycle(WalletLifecycleRecord record) {
            read.add(record);
        }

        @Override
        public void balance(AgentBalance balance) {
            read.add(balance);
        }

        @Override
        public void tombstone(Tombstone tombstone) {
            read.add(tombstone);
        }
    }

    private static WalletBackupDocumentWriter.Summary read(byte[] bytes, BackupHeader header, Records records)
            throws IOException {
        return WalletBackupDocumentReader.read(new ByteArrayInputStream(bytes), header, records);
    }

    @Test
    void aFullIsItsHeadItsFourSectionsOfRowTextAndItsTrailer() {
        String[] lines = full(PLAIN, ODD).text().split("\n", -1);

        assertThat(lines[0]).startsWith("{\"version\":\"wallet-backup-document/4\",\"backupId\":\"00000000000000aa\"")
                .endsWith("\"seedCreatedAt\":" + T.toEpochMilli() + "}");
        assertThat(Arrays.copyOfRange(lines, 1, 13)).containsExactly(
                "wallet",
                "agent-1\t1\t0x" + "ab".repeat(20) + "\tr" + "1".repeat(33) + "\tstandard\t" + T.toEpochMilli() + "\t"
                        + T.toEpochMilli() + "\t\\N\t11",
                "agent-\\\\\\t\\n\\r\\b\\f\\v-é\t0\t0x" + "cd".repeat(20) + "\tr" + "2".repeat(33)
                        + "\ted25519-legacy\t-1\t" + T.toEpochMilli() + "\t{\"note\":\"tab\\\\there\"}\t12",
                "\\.",
                "lifecycle",
                "agent-\\\\\\t\\n\\r\\b\\f\\v-é\tsuspended\t" + T.toEpochMilli() + "\t" + T.toEpochMilli() + "\t"
                        + T.toEpochMilli() + "\t\\N\t\\N\t3\t{\"ETH\":\"12345678901234567890\"}\tline one\\nline two\t13",
                "\\.",
                "balance",
                "agent-\\\\\\t\\n\\r\\b\\f\\v-é\tevm\tETH\t" + "9".repeat(78) + "\t18\t\\N\t" + T.toEpochMilli() + "\t14",
                "agent-1\txrp\tXRP\t0\t6\t123\t" + T.toEpochMilli() + "\t15",
                "\\.",
                "tombstone");
        assertThat(lines[13]).isEqualTo("\\.");
        assertThat(lines[14]).startsWith("{\"counts\":{\"wallets\":2,\"lifecycleRecords\":1,\"balances\":2,"
                + "\"tombstones\":0},\"checksum\":\"").contains("\"stateLtHash\":\"").contains("\"stateDigest\":\"");
        assertThat(lines[15]).isEmpty();
        assertThat(lines).hasSize(16);
    }

    @Test
    void whatIsReadIsWhatWasWrittenWithTheSameDigests() throws IOException {
        Written written = full(ODD, PLAIN);
        Records records = new Records();

        WalletBackupDocumentWriter.Summary summary = read(written.bytes(), header(BackupType.FULL), records);

        assertThat(records.read).containsExactly("0a1b2c3d", ODD, PLAIN, SUSPENDED, LARGEST, ZERO);
        assertThat(summary.contentDigest()).isEqualTo(written.summary().contentDigest());
        assertThat(summary.stateDigest()).isEqualTo(written.summary().stateDigest());
        assertThat(summary.counts()).isEqualTo(new BackupCounts(2, 1, 2, 0));
    }

    @Test
    void theContentDigestIsTheSha256OfTheBytesBeforeTheTrailer() {
        Written written = full(PLAIN);
        String text = written.text();
        int trailer = text.lastIndexOf('\n', text.length() - 2) + 1;
        byte[] beforeTrailer = Arrays.copyOf(written.bytes(),
                text.substring(0, trailer).getBytes(StandardCharsets.UTF_8).length);

        assertThat(written.summary().contentDigest()).isEqualTo(HexFormat.of().formatHex(Sha256.of(beforeTrailer)));
    }

    @Test
    void aFullsStateIsTheLtHashOfItsRecordsInAnyOrder() {
        LtHash expected = LtHash.empty().add(SEED.stateElement().bytes()).add(PLAIN.stateElement().bytes())
                .add(ODD.stateElement().bytes()).add(SUSPENDED.stateElement().bytes())
                .add(LARGEST.stateElement().bytes()).add(ZERO.stateElement().bytes());

        assertThat(full(PLAIN, ODD).summary().stateDigest()).isEqualTo(expected.digest());
        assertThat(full(ODD, PLAIN).summary().stateDigest()).isEqualTo(expected.digest());
    }

    @Test
    void rowsStreamedAsTextMakeTheSameDocumentAsTheirRecords() throws IOException {
        List<AgentWallet> wallets = new ArrayList<>(List.of(PLAIN, ODD));
        for (int i = 2; i < 3000; i++) {
            wallets.add(new AgentWallet("agent-" + i, i, "0x" + "%040x".formatted(i), "r" + i, T, T,
                    i % 3 == 0 ? "{\"n\":" + i + "}" : null, 100 + i));
        }
        StringBuilder text = new StringBuilder();
        wallets.forEach(wallet -> RowText.append(text, Section.values(wallet)));
        byte[] rows = text.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SectionedDocumentWriter document = new SectionedDocumentWriter(out, header(BackupType.FULL), SEED);

        OutputStream streamed = document.rowsOf(Section.WALLET);
        for (int offset = 0; offset < rows.length; offset += 777) {
            streamed.write(rows, offset, Math.min(777, rows.length - offset));
        }
        document.lifecycle(SUSPENDED);
        document.balance(LARGEST);
        document.balance(ZERO);
        WalletBackupDocumentWriter.Summary summary = document.finish(null);

        Written fromRecords = full(wallets.toArray(AgentWallet[]::new));
        assertThat(out.toByteArray()).isEqualTo(fromRecords.bytes());
        assertThat(summary).isEqualTo(fromRecords.summary());
    }

    @Test
    void aFullSumsTheSameRowSumFromStreamedRowsFromRecordsAndAsTheStoreKeepsIt() throws IOException {
        StringBuilder text = new StringBuilder();
        List.of(PLAIN, ODD).forEach(wallet -> RowText.append(text, Section.values(wallet)));
        SectionedDocumentWriter streamed = new SectionedDocumentWriter(OutputStream.nullOutputStream(),
                header(BackupType.FULL), SEED, false);
        streamed.rowsOf(Section.WALLET).write(text.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder lifecycle = new StringBuilder();
        RowText.append(lifecycle, Section.values(SUSPENDED));
        streamed.rowsOf(Section.LIFECYCLE).write(lifecycle.toString().getBytes(StandardCharsets.UTF_8));
        streamed.balance(LARGEST);
        streamed.balance(ZERO);
        SectionedDocumentWriter records = new SectionedDocumentWriter(OutputStream.nullOutputStream(),
                header(BackupType.FULL), SEED, false);
        List.of(PLAIN, ODD).forEach(records::wallet);
        records.lifecycle(SUSPENDED);
        records.balance(LARGEST);
        records.balance(ZERO);
        StateChange kept = new StateChange().add(SEED).add(PLAIN).add(ODD).add(SUSPENDED).add(LARGEST).add(ZERO);

        assertThat(streamed.rowSum()).isEqualTo(records.rowSum()).isEqualTo(kept.rowSum());
        assertThat(streamed.rowSum()).isNotEqualTo(new StateChange().add(SEED).add(PLAIN).add(ODD).add(SUSPENDED)
                .add(LARGEST).rowSum());
        WalletBackupDocumentWriter.Summary summary = streamed.finish(kept.ltHash());
        assertThat(summary.stateLtHash()).isEqualTo(full(PLAIN, ODD).summary().stateLtHash());
        assertThatThrownBy(() -> records.finish(null)).hasMessageContaining("must be given");
        records.abandon();
    }

    @Test
    void aRowsChangeSequenceIsNotInItsRowSum() throws IOException {
        AgentWallet renumbered = new AgentWallet(PLAIN.agentId(), PLAIN.derivationIndex(), PLAIN.evmAddress(),
                PLAIN.xrpAddress(), T, T, null, PLAIN.changeSeq() + 1000);
        SectionedDocumentWriter first = new SectionedDocumentWriter(OutputStream.nullOutputStream(),
                header(BackupType.FULL), SEED, false);
        first.wallet(PLAIN);
        SectionedDocumentWriter second = new SectionedDocumentWriter(OutputStream.nullOutputStream(),
                header(BackupType.FULL), SEED, false);
        second.wallet(renumbered);

        assertThat(first.rowSum()).isEqualTo(second.rowSum());
        first.abandon();
        second.abandon();
    }

    @Test
    void aStreamedSectionWhoseLastRowIsNotWholeIsRefused() throws IOException {
        SectionedDocumentWriter document = new SectionedDocumentWriter(new ByteArrayOutputStream(),
                header(BackupType.FULL), SEED);
        document.rowsOf(Section.WALLET).write("agent-1\t1".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> document.lifecycle(SUSPENDED)).hasMessageContaining("last row is not whole");
        document.abandon();
    }

    @Test
    void aRowLongerThanAReaderTakesIsRefusedWhenWrittenStreamedOrAsARecord() throws IOException {
        SectionedDocumentWriter streamedFull = new SectionedDocumentWriter(OutputStream.nullOutputStream(),
                header(BackupType.INCREMENTAL), SEED);
        OutputStream rows = streamedFull.rowsOf(Section.WALLET);
        byte[] mebibyte = new byte[1 << 20];
        Arrays.fill(mebibyte, (byte) 'x');

        assertThatThrownBy(() -> {
            for (int written = 0; written <= Section.MAX_ROW_BYTES; written += mebibyte.length) {
                rows.write(mebibyte);
            }
        }).hasMessageContaining("longer than " + Section.MAX_ROW_BYTES + " bytes");
        BackupDocumentWriter records = BackupDocumentWriter.of(OutputStream.nullOutputStream(),
                header(BackupType.INCREMENTAL), SEED);
        AgentWallet huge = new AgentWallet("agent-9", 9, PLAIN.evmAddress(), PLAIN.xrpAddress(), T, T,
                "{\"x\":\"" + "é".repeat(Section.MAX_ROW_BYTES / 2) + "\"}", 1);
        assertThatThrownBy(() -> records.wallet(huge)).hasMessageContaining("longer than");
    }

    @Test
    void aStreamedRowThatIsNotARecordFailsTheFull() throws IOException {
        SectionedDocumentWriter document = new SectionedDocumentWriter(new ByteArrayOutputStream(),
                header(BackupType.FULL), SEED);
        document.rowsOf(Section.BALANCE).write("agent-1\tevm\tETH\t-5\t18\t\\N\t0\t3\n"
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> document.finish(null)).isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("not one a reader accepts");
    }

    @Test
    void aStreamedRowThatIsNotUtf8FailsTheFull() throws IOException {
        SectionedDocumentWriter document = new SectionedDocumentWriter(new ByteArrayOutputStream(),
                header(BackupType.FULL), SEED);
        byte[] row = "agent-1\tevm\tETH\t5\t18\t\\N\t0\t3\n".getBytes(StandardCharsets.UTF_8);
        row[6] = (byte) 0xFF;
        document.rowsOf(Section.BALANCE).write(row);

        assertThatThrownBy(() -> document.finish(null)).isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("not one a reader accepts");
    }

    @Test
    void anIncrementalCarriesItsTombstonesAndTheStoresLtHash() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupDocumentWriter document = BackupDocumentWriter.of(out, header(BackupType.INCREMENTAL), SEED);
        document.balance(ZERO);
        document.tombstone(REMOVED);
        LtHash stored = LtHash.empty().add(ZERO.stateElement().bytes());
        WalletBackupDocumentWriter.Summary written = document.finish(stored);
        Records records = new Records();

        WalletBackupDocumentWriter.Summary read = read(out.toByteArray(), header(BackupType.INCREMENTAL), records);

        assertThat(records.read).containsExactly("0a1b2c3d", ZERO, REMOVED);
        assertThat(read.stateDigest()).isEqualTo(stored.digest()).isEqualTo(written.stateDigest());
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
                .contains("\nwallet\n\\.\nlifecycle\n\\.\nbalance\n");
    }

    @Test
    void aFullRefusesATombstone() {
        BackupDocumentWriter document = BackupDocumentWriter.of(new ByteArrayOutputStream(), header(BackupType.FULL),
                SEED);

        assertThatThrownBy(() -> document.tombstone(REMOVED)).hasMessageContaining("holds no tombstones");
        document.abandon();
    }

    @Test
    void aChangedRowFailsTheContentDigest() {
        byte[] bytes = full(PLAIN).text().replace("\t11\n", "\t12\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(bytes, header(BackupType.FULL), new Records()))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("content digest mismatch");
    }

    @Test
    void aRowOfTheWrongShapeIsNamedBySectionAndNumber() {
        byte[] bytes = full(PLAIN, ODD).text().replace("\tstandard\t", "\tstandard\textra\t")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(bytes, header(BackupType.FULL), new Records()))
                .isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("payload: wallet row 1: a wallet row has 10 values, not 9");
    }

    @Test
    void aTruncatedOrExtendedPayloadIsRefused() {
        byte[] bytes = full(PLAIN).bytes();

        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 1), header(BackupType.FULL), new Records()))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 300), header(BackupType.FULL), new Records()))
                .isInstanceOf(BackupFormatException.class);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        longer[bytes.length] = '\n';
        assertThatThrownBy(() -> read(longer, header(BackupType.FULL), new Records()))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("data after the trailer");
    }

    @Test
    void sectionsOutOfOrderAreRefused() {
        String text = full(PLAIN).text();
        byte[] swapped = text.replaceFirst("\nwallet\n", "\nWALLET\n").replaceFirst("\nlifecycle\n", "\nwallet\n")
                .replaceFirst("\nWALLET\n", "\nlifecycle\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(swapped, header(BackupType.FULL), new Records()))
                .isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("section wallet is not where it belongs");
    }

    @Test
    void aHeadOfAnotherBackupIsRefused() {
        byte[] bytes = full(PLAIN).bytes();
        BackupHeader other = header(BackupType.INCREMENTAL);

        assertThatThrownBy(() -> read(bytes, other, new Records()))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("differs from the header");
    }
}
