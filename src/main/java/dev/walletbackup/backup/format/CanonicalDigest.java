package dev.walletbackup.backup.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.wallet.AgentWallet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over the canonical encoding of wallet state (docs/backup-format.md, section 6): for each record, in the
 * caller's order, {@code SECTION 0x1F CANONICAL_JSON 0x0A}. Canonical JSON has keys sorted at every depth, no
 * white space, no absent optional fields and no change sequence, so a digest survives any re-encoding.
 */
public final class CanonicalDigest {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final TypeReference<TreeMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final MessageDigest sha256;

    public CanonicalDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    public void seed(MasterSeedRecord seed) {
        Map<String, Object> record = new TreeMap<>();
        record.put("createdAt", millis(seed.createdAt()));
        record.put("envelope", Base64.getEncoder().encodeToString(seed.envelope()));
        record.put("evmAccountXpub", seed.evmAccountXpub());
        record.put("fingerprint", seed.fingerprint());
        record.put("xrpAccountXpub", seed.xrpAccountXpub());
        add("seed", record);
    }

    public void wallet(AgentWallet wallet) {
        Map<String, Object> record = new TreeMap<>();
        record.put("agentId", wallet.agentId());
        record.put("createdAt", millis(wallet.createdAt()));
        record.put("derivationIndex", wallet.derivationIndex());
        record.put("evmAddress", wallet.evmAddress());
        putIfPresent(record, "metadata", wallet.metadata() == null ? null : parseObject(wallet.metadata()));
        record.put("updatedAt", millis(wallet.updatedAt()));
        record.put("xrpAddress", wallet.xrpAddress());
        add("wallet", record);
    }

    public void lifecycle(WalletLifecycleRecord lifecycle) {
        Map<String, Object> record = new TreeMap<>();
        putIfPresent(record, "activatedAt", millis(lifecycle.activatedAt()));
        record.put("agentId", lifecycle.agentId());
        putIfPresent(record, "archivedAt", millis(lifecycle.archivedAt()));
        record.put("createdAt", millis(lifecycle.createdAt()));
        putIfPresent(record, "lastActivity", millis(lifecycle.lastActivity()));
        record.put("state", lifecycle.state().wireName());
        putIfPresent(record, "suspendedAt", millis(lifecycle.suspendedAt()));
        putIfPresent(record, "suspensionReason", lifecycle.suspensionReason());
        record.put("totalTransactions", lifecycle.totalTransactions());
        Map<String, String> volume = new TreeMap<>();
        lifecycle.totalVolume().forEach((token, amount) -> volume.put(token, amount.toString()));
        record.put("totalVolume", volume);
        add("lifecycle", record);
    }

    public void balance(AgentBalance balance) {
        Map<String, Object> record = new TreeMap<>();
        record.put("agentId", balance.agentId());
        record.put("balance", balance.balance().toString());
        putIfPresent(record, "blockNumber", balance.blockNumber());
        record.put("chain", balance.chain().wireName());
        record.put("decimals", balance.decimals());
        record.put("lastUpdated", millis(balance.lastUpdated()));
        record.put("token", balance.token());
        add("balance", record);
    }

    public void tombstone(Tombstone tombstone) {
        Map<String, Object> record = new TreeMap<>();
        record.put("deletedAt", millis(tombstone.deletedAt()));
        record.put("key", parseObject(tombstone.key()));
        record.put("table", tombstone.table());
        add("tombstone", record);
    }

    /** The digest so far, as lower-case hex; the digest cannot be extended afterwards. */
    public String finish() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    private void add(String section, Map<String, Object> record) {
        try {
            sha256.update(section.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0x1F);
            sha256.update(CANONICAL.writeValueAsBytes(record));
            sha256.update((byte) 0x0A);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a " + section + " record canonically", e);
        }
    }

    private static Object parseObject(String json) {
        try {
            return CANONICAL.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new BackupFormatException("stored JSON is not an object: " + e.getOriginalMessage());
        }
    }

    private static void putIfPresent(Map<String, Object> record, String key, Object value) {
        if (value != null) {
            record.put(key, value);
        }
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
