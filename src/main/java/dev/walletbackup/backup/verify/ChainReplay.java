package dev.walletbackup.backup.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupHeader;
import dev.walletbackup.backup.format.BalanceGrouping;
import dev.walletbackup.backup.format.CanonicalDigest;
import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.wallet.AgentWallet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies a chain of backup documents, full then incrementals in order, to an in-memory picture of the state,
 * and gives that state's digest: how a deep verification checks an incremental's state digest without a
 * database.
 */
public final class ChainReplay implements BackupContentHandler {
    private static final TypeReference<Map<String, String>> KEY = new TypeReference<>() {
    };

    private MasterSeedRecord seed;
    private final Map<String, AgentWallet> wallets = new HashMap<>();
    private final Map<String, WalletLifecycleRecord> lifecycles = new HashMap<>();
    private final Map<String, AgentBalance> balances = new HashMap<>();

    @Override
    public void seed(MasterSeedRecord seed) {
        this.seed = seed;
    }

    @Override
    public void wallet(AgentWallet wallet) {
        wallets.put(wallet.agentId(), wallet);
    }

    @Override
    public void lifecycle(WalletLifecycleRecord record) {
        lifecycles.put(record.agentId(), record);
    }

    @Override
    public void balance(AgentBalance balance) {
        balances.put(balanceKey(balance.agentId(), balance.chain().wireName(), balance.token()), balance);
    }

    @Override
    public void tombstone(Tombstone tombstone) {
        if (!"balance_snapshots".equals(tombstone.table())) {
            throw new BackupFormatException("payload: tombstone for unknown table " + tombstone.table());
        }
        try {
            Map<String, String> key = WalletJson.mapper().readValue(tombstone.key(), KEY);
            String balanceKey = balanceKey(key.get("agentId"), key.get("chain"), key.get("token"));
            AgentBalance current = balances.get(balanceKey);
            if (current != null && current.changeSeq() < tombstone.changeSeq()) {
                balances.remove(balanceKey);
            }
        } catch (JsonProcessingException e) {
            throw new BackupFormatException("payload: tombstone key is not valid JSON", e);
        }
    }

    /**
     * The state digest of everything applied so far, by the rule of a backup of {@code formatVersion}: the SHA-256
     * of its LtHash from version 3 on (docs/backup-format.md, section 6.1), of its ordered encoding before (section 6).
     */
    public String stateDigest(int formatVersion) {
        if (BackupHeader.hasLtHashStateDigest(formatVersion)) {
            LtHash hash = LtHash.empty().add(seed.stateElement().bytes());
            wallets.values().forEach(wallet -> hash.add(wallet.stateElement().bytes()));
            lifecycles.values().forEach(record -> hash.add(record.stateElement().bytes()));
            balances.values().forEach(balance -> hash.add(balance.stateElement().bytes()));
            return hash.digest();
        }
        CanonicalDigest digest = new CanonicalDigest();
        digest.seed(seed);
        Comparator<String> byDerivationIndex = Comparator.comparingInt(agentId -> wallets.get(agentId).derivationIndex());
        wallets.values().stream().sorted(Comparator.comparingInt(AgentWallet::derivationIndex)).forEach(digest::wallet);
        lifecycles.values().stream().sorted(Comparator.comparing(WalletLifecycleRecord::agentId, byDerivationIndex))
                .forEach(digest::lifecycle);
        balances.values().stream().sorted(Comparator.comparing(AgentBalance::agentId, byDerivationIndex)
                .thenComparing(BalanceGrouping.WITHIN_AGENT)).forEach(digest::balance);
        return digest.finish();
    }

    private static String balanceKey(String agentId, String chain, String token) {
        return agentId + '\u001F' + chain + '\u001F' + token;
    }
}
