package dev.walletbackup.legacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceTokens;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.wallet.AgentIds;
import dev.walletbackup.wallet.AgentWallet;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads one backup file of the original TypeScript connector, format "1.0" (docs/operators/migration-from-ts-connector.md):
 * proves its {@code checksum} as the original defined it ({@link LegacyChecksum}), then turns its records into ours.
 * A field our records need that is missing or malformed, and cannot be filled in without guessing a value that
 * matters (an agent id, an index, an address, a state, an amount), fails the import naming the file and the field;
 * the rest is normalised and reported in the {@link ImportFindings}.
 */
final class LegacyBackupReader {
    static final String VERSION = "1.0";
    /** The original had no decimals in a balance: its amounts are in wei and drops. */
    private static final int EVM_DECIMALS = 18;
    private static final int XRP_DECIMALS = 6;
    /** Integers a JavaScript number holds exactly: a larger one written as a number may have lost digits. */
    private static final BigInteger EXACT_IN_JAVASCRIPT = BigInteger.valueOf(9_007_199_254_740_991L);
    private static final ObjectMapper MAPPER = WalletJson.mapper();

    private final ImportFindings findings;

    LegacyBackupReader(ImportFindings findings) {
        this.findings = findings;
    }

    LegacyBackup read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new LegacyFileException(file + ": no such file");
        } catch (IOException e) {
            throw new LegacyFileException(file + ": cannot be read: " + e.getMessage());
        }
        JsonNode backup;
        String checksum;
        try {
            backup = MAPPER.readTree(bytes);
            checksum = LegacyChecksum.of(bytes);
        } catch (JsonProcessingException e) {
            throw new BackupFormatException(file + ": not a JSON document: " + WalletJson.problem(e));
        } catch (IOException e) {
            throw new LegacyFileException(file + ": cannot be read: " + e.getMessage());
        }
        if (backup == null || !backup.isObject()) {
            throw new BackupFormatException(file + ": not a backup of the original connector (not a JSON object)");
        }
        Fields fields = new Fields(file, "");
        String written = fields.text(backup, "checksum");
        if (!checksum.equals(written)) {
            throw new BackupFormatException(file + ": checksum mismatch: the file records " + written
                    + " but its content hashes to " + checksum + " (changed after it was written, or not a backup "
                    + "of the original connector)");
        }
        String version = fields.text(backup, "version");
        if (!VERSION.equals(version)) {
            throw new BackupFormatException(file + ": version \"" + version + "\" is not the original connector's "
                    + "format " + VERSION);
        }
        String type = fields.text(backup, "type");
        if (!type.equals("full") && !type.equals("incremental")) {
            throw new BackupFormatException(file + ": type \"" + type + "\" is neither full nor incremental");
        }
        Instant timestamp = fields.instant(backup, "timestamp");
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(fields.text(backup, "encryptedMasterSeed"));
        } catch (IllegalArgumentException e) {
            throw new BackupFormatException(file + ": encryptedMasterSeed is not base64");
        }
        return new LegacyBackup(file, timestamp, type.equals("full"), sealed, wallets(file, backup, timestamp),
                lifecycleRecords(file, backup, timestamp), balances(file, backup, timestamp));
    }

    private List<AgentWallet> wallets(Path file, JsonNode backup, Instant timestamp) {
        List<AgentWallet> wallets = new ArrayList<>();
        int position = 0;
        for (JsonNode wallet : new Fields(file, "").array(backup, "wallets")) {
            Fields fields = new Fields(file, "wallets[" + position++ + "].");
            String agentId = fields.agentId(wallet);
            long index = fields.integer(wallet, "derivationIndex");
            if (index < 0 || index > Integer.MAX_VALUE) {
                throw fields.malformed("derivationIndex", "is " + index + ", outside 0 … 2147483647");
            }
            Instant createdAt = fields.instantOr(wallet, "createdAt", timestamp, "wallets[].createdAt");
            findings.normalised("wallets[].updatedAt: not in format 1.0; set to the wallet's createdAt");
            wallets.add(new AgentWallet(agentId, (int) index, fields.text(wallet, "evmAddress"),
                    fields.text(wallet, "xrpAddress"), createdAt, createdAt, metadata(wallet), 0));
        }
        return wallets;
    }

    private String metadata(JsonNode wallet) {
        JsonNode metadata = wallet.get("metadata");
        if (metadata == null || metadata.isNull()) {
            return null;
        }
        if (!metadata.isObject()) {
            findings.malformed("wallets[].metadata: not a JSON object; left out");
            return null;
        }
        return metadata.toString();
    }

    private List<WalletLifecycleRecord> lifecycleRecords(Path file, JsonNode backup, Instant timestamp) {
        List<WalletLifecycleRecord> records = new ArrayList<>();
        int position = 0;
        for (JsonNode record : new Fields(file, "").array(backup, "lifecycleRecords")) {
            Fields fields = new Fields(file, "lifecycleRecords[" + position++ + "].");
            LifecycleState state;
            try {
                state = LifecycleState.fromWireName(fields.text(record, "state"));
            } catch (IllegalArgumentException e) {
                throw fields.malformed("state", e.getMessage());
            }
            long transactions = 0;
            if (record.hasNonNull("totalTransactions")) {
                transactions = fields.integer(record, "totalTransactions");
            } else {
                findings.missing("lifecycleRecords[].totalTransactions: absent; set to 0");
            }
            records.add(new WalletLifecycleRecord(fields.agentId(record), state,
                    fields.instantOr(record, "createdAt", timestamp, "lifecycleRecords[].createdAt"),
                    fields.optionalInstant(record, "activatedAt"), fields.optionalInstant(record, "suspendedAt"),
                    fields.optionalInstant(record, "archivedAt"), fields.optionalInstant(record, "lastActivity"),
                    transactions, volume(fields, record), fields.optionalText(record, "suspensionReason"), 0));
        }
        return records;
    }

    private Map<String, BigInteger> volume(Fields fields, JsonNode record) {
        Map<String, BigInteger> volume = new HashMap<>();
        JsonNode tokens = record.get("totalVolume");
        if (tokens == null || tokens.isNull()) {
            findings.missing("lifecycleRecords[].totalVolume: absent; set to no volume");
            return volume;
        }
        if (!tokens.isObject()) {
            throw fields.malformed("totalVolume", "is not an object of token to amount");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tokens.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> token = it.next();
            volume.put(token.getKey(), amount(fields, "totalVolume." + token.getKey(), token.getValue(),
                    "lifecycleRecords[].totalVolume"));
        }
        return volume;
    }

    private List<AgentBalance> balances(Path file, JsonNode backup, Instant timestamp) {
        List<AgentBalance> balances = new ArrayList<>();
        JsonNode snapshots = backup.get("balanceSnapshots");
        if (snapshots == null || !snapshots.isObject()) {
            throw new BackupFormatException(file + ": balanceSnapshots is missing or not an object of agent to balances");
        }
        for (Iterator<Map.Entry<String, JsonNode>> agents = snapshots.fields(); agents.hasNext(); ) {
            Map.Entry<String, JsonNode> agent = agents.next();
            int position = 0;
            for (JsonNode balance : new Fields(file, "balanceSnapshots.").array(snapshots, agent.getKey())) {
                Fields fields = new Fields(file, "balanceSnapshots." + agent.getKey() + "[" + position++ + "].");
                String agentId = fields.agentId(balance);
                if (!agentId.equals(agent.getKey())) {
                    throw fields.malformed("agentId", "is " + agentId + ", filed under another agent");
                }
                Chain chain;
                try {
                    chain = Chain.fromWireName(fields.text(balance, "chain"));
                } catch (IllegalArgumentException e) {
                    throw fields.malformed("chain", e.getMessage());
                }
                String token = asRecorded(chain, fields.text(balance, "token"));
                int decimals;
                if (balance.hasNonNull("decimals")) {
                    decimals = (int) fields.integer(balance, "decimals");
                } else {
                    decimals = chain == Chain.EVM ? EVM_DECIMALS : XRP_DECIMALS;
                    findings.normalised("balanceSnapshots[].decimals: not in format 1.0; " + chain.wireName() + " "
                            + token + " set to " + decimals + " (amounts in " + (chain == Chain.EVM ? "wei" : "drops")
                            + ")");
                }
                try {
                    balances.add(new AgentBalance(agentId, chain, token, amount(fields, "balance", balance.get("balance"),
                            "balanceSnapshots[].balance"), decimals, null,
                            fields.instantOr(balance, "lastUpdated", timestamp, "balanceSnapshots[].lastUpdated"), 0));
                } catch (IllegalArgumentException e) {
                    throw fields.malformed("balance", e.getMessage());
                }
            }
        }
        return balances;
    }

    /**
     * The token as {@code balances record} stores it ({@link BalanceTokens}), so that reconciliation finds it on its
     * chain; one that {@code balances record} would refuse is kept as the file has it, and reported: refusing it would
     * lose the balance, and the operator can record it again in the right form.
     */
    private String asRecorded(Chain chain, String token) {
        try {
            String recorded = BalanceTokens.normalise(chain, token);
            if (!recorded.equals(token)) {
                findings.normalised("balanceSnapshots[].token: " + token + " written " + recorded
                        + ", as balances record stores it");
            }
            return recorded;
        } catch (IllegalArgumentException e) {
            findings.malformed("balanceSnapshots[].token: " + e.getMessage() + "; kept as it is, so reconciliation will"
                    + " report it MISSING_ON_CHAIN (or, on EVM, UNREACHABLE) until it is recorded again in the right form");
            return token;
        }
    }

    /**
     * An exact amount, as the format writes it (a decimal string); a JSON number is accepted when it is a whole
     * number and reported as malformed (one beyond 2^53 may have lost digits in the original already).
     */
    private BigInteger amount(Fields fields, String name, JsonNode value, String finding) {
        if (value == null || value.isNull()) {
            throw fields.malformed(name, "is missing");
        }
        if (value.isTextual()) {
            try {
                return new BigInteger(value.asText());
            } catch (NumberFormatException e) {
                throw fields.malformed(name, "\"" + value.asText() + "\" is not a decimal integer");
            }
        }
        if (value.isNumber()) {
            BigInteger amount;
            try {
                amount = new BigDecimal(value.asText()).toBigIntegerExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw fields.malformed(name, value.asText() + " is not a whole number");
            }
            findings.malformed(finding + ": a JSON number, not a decimal string; normalised to a decimal string");
            if (amount.abs().compareTo(EXACT_IN_JAVASCRIPT) > 0) {
                findings.malformed(finding + ": a JSON number beyond 2^53, which the original may have rounded; "
                        + "check it against the chain (wallet-backup reconcile)");
            }
            return amount;
        }
        throw fields.malformed(name, "is neither a decimal string nor a number");
    }

    /** Reads the fields of one record, failing with the file and the field's path. */
    private final class Fields {
        private final Path file;
        private final String path;

        Fields(Path file, String path) {
            this.file = file;
            this.path = path;
        }

        BackupFormatException malformed(String field, String problem) {
            return new BackupFormatException(file + ": " + path + field + " " + problem);
        }

        String text(JsonNode record, String field) {
            JsonNode value = record.get(field);
            if (value == null || value.isNull()) {
                throw malformed(field, "is missing");
            }
            if (!value.isTextual()) {
                throw malformed(field, "is not a string");
            }
            return value.asText();
        }

        String optionalText(JsonNode record, String field) {
            return record.hasNonNull(field) ? text(record, field) : null;
        }

        String agentId(JsonNode record) {
            String agentId = text(record, "agentId");
            try {
                return AgentIds.requireValid(agentId);
            } catch (IllegalArgumentException e) {
                throw malformed("agentId", e.getMessage());
            }
        }

        long integer(JsonNode record, String field) {
            JsonNode value = record.get(field);
            if (value == null || value.isNull()) {
                throw malformed(field, "is missing");
            }
            if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
                throw malformed(field, "is not a whole number");
            }
            return value.asLong();
        }

        JsonNode array(JsonNode record, String field) {
            JsonNode value = record.get(field);
            if (value == null || !value.isArray()) {
                throw malformed(field, "is missing or not an array");
            }
            return value;
        }

        Instant instant(JsonNode record, String field) {
            return Instant.ofEpochMilli(integer(record, field));
        }

        Instant optionalInstant(JsonNode record, String field) {
            return record.hasNonNull(field) ? instant(record, field) : null;
        }

        /** The instant, or {@code fallback} (the backup's time) reported as a missing field. */
        Instant instantOr(JsonNode record, String field, Instant fallback, String finding) {
            if (record.hasNonNull(field)) {
                return instant(record, field);
            }
            findings.missing(finding + ": absent; set to the backup's timestamp");
            return fallback;
        }
    }
}
