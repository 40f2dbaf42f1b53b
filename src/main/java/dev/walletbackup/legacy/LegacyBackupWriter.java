package dev.walletbackup.legacy;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.wallet.AgentWallet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a full backup as the original connector did (format "1.0", its checksum rule, its seal of the mnemonic), for
 * the benchmark's data set of {@code import ts-connector}: the import is measured on what the original writes.
 */
public final class LegacyBackupWriter {
    private LegacyBackupWriter() {
    }

    /** {@code mnemonic} sealed as the original sealed it, under {@code password} and the installation's salt. */
    public static byte[] seal(Mnemonic mnemonic, Password password, byte[] salt) {
        try (LegacySeedCipher cipher = new LegacySeedCipher(password, salt, null)) {
            return cipher.seal(mnemonic);
        }
    }

    /** Writes a full backup of these records; balances are filed by agent, in the order given. */
    public static void writeFull(Path file, Instant timestamp, byte[] encryptedMasterSeed, List<AgentWallet> wallets,
                                 List<WalletLifecycleRecord> lifecycleRecords, List<AgentBalance> balances)
            throws IOException {
        byte[] blank = document(timestamp, encryptedMasterSeed, wallets, lifecycleRecords, balances, "");
        Files.write(file, document(timestamp, encryptedMasterSeed, wallets, lifecycleRecords, balances,
                LegacyChecksum.of(blank)));
    }

    private static byte[] document(Instant timestamp, byte[] seed, List<AgentWallet> wallets,
                                   List<WalletLifecycleRecord> lifecycles, List<AgentBalance> balances, String checksum)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = WalletJson.mapper().getFactory().createGenerator(bytes)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("version", LegacyBackupReader.VERSION);
            json.writeNumberField("timestamp", timestamp.toEpochMilli());
            json.writeStringField("type", "full");
            json.writeStringField("encryptedMasterSeed", Base64.getEncoder().encodeToString(seed));
            json.writeArrayFieldStart("wallets");
            for (AgentWallet wallet : wallets) {
                json.writeStartObject();
                json.writeStringField("agentId", wallet.agentId());
                json.writeNumberField("derivationIndex", wallet.derivationIndex());
                json.writeStringField("evmAddress", wallet.evmAddress());
                json.writeStringField("xrpAddress", wallet.xrpAddress());
                json.writeNumberField("createdAt", wallet.createdAt().toEpochMilli());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("lifecycleRecords");
            for (WalletLifecycleRecord record : lifecycles) {
                json.writeStartObject();
                json.writeStringField("agentId", record.agentId());
                json.writeStringField("state", record.state().wireName());
                json.writeNumberField("createdAt", record.createdAt().toEpochMilli());
                json.writeNumberField("totalTransactions", record.totalTransactions());
                json.writeObjectFieldStart("totalVolume");
                for (Map.Entry<String, BigInteger> volume : record.totalVolume().entrySet()) {
                    json.writeStringField(volume.getKey(), volume.getValue().toString());
                }
                json.writeEndObject();
                if (record.activatedAt() != null) {
                    json.writeNumberField("activatedAt", record.activatedAt().toEpochMilli());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            Map<String, List<AgentBalance>> byAgent = new LinkedHashMap<>();
            balances.forEach(balance -> byAgent.computeIfAbsent(balance.agentId(), agent -> new ArrayList<>())
                    .add(balance));
            json.writeObjectFieldStart("balanceSnapshots");
            for (Map.Entry<String, List<AgentBalance>> agent : byAgent.entrySet()) {
                json.writeArrayFieldStart(agent.getKey());
                for (AgentBalance balance : agent.getValue()) {
                    json.writeStartObject();
                    json.writeStringField("agentId", balance.agentId());
                    json.writeStringField("chain", balance.chain().wireName());
                    json.writeStringField("token", balance.token());
                    json.writeStringField("balance", balance.balance().toString());
                    json.writeNumberField("lastUpdated", balance.lastUpdated().toEpochMilli());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeStringField("checksum", checksum);
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }
}
