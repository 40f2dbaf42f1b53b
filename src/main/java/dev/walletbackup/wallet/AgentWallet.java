package dev.walletbackup.wallet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.walletbackup.derivation.XrpScheme;
import dev.walletbackup.json.RawJson;
import dev.walletbackup.statedigest.StateElement;
import dev.walletbackup.store.StateRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One agent's wallet: the derivation index it owns under account 1' and the two addresses derived there.
 * Field names follow the original connector's {@code AgentWallet}. {@code metadata} is a JSON object or null.
 * {@code xrpScheme} says how the XRP address derives ({@link XrpScheme}); JSON leaves the standard scheme out, so a
 * record without it, such as every record written before it existed, means standard.
 */
@JsonPropertyOrder({"agentId", "derivationIndex", "evmAddress", "xrpAddress", "xrpScheme", "createdAt", "updatedAt",
        "metadata", "changeSeq"})
public record AgentWallet(String agentId, int derivationIndex, String evmAddress, String xrpAddress,
                          Instant createdAt, Instant updatedAt, @JsonRawValue @JsonDeserialize(using = RawJson.class) String metadata, long changeSeq,
                          @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = XrpScheme.StandardIsOmitted.class)
                          XrpScheme xrpScheme) implements StateRecord {

    public AgentWallet {
        xrpScheme = xrpScheme == null ? XrpScheme.STANDARD : xrpScheme;
    }

    /** A wallet whose XRP address derives by the standard scheme, as every wallet made here does. */
    public AgentWallet(String agentId, int derivationIndex, String evmAddress, String xrpAddress, Instant createdAt,
                       Instant updatedAt, String metadata, long changeSeq) {
        this(agentId, derivationIndex, evmAddress, xrpAddress, createdAt, updatedAt, metadata, changeSeq,
                XrpScheme.STANDARD);
    }

    /** This wallet as a record of wallet state, for the backups' digests. */
    @Override
    public StateElement stateElement() {
        return StateElement.wallet(agentId, createdAt.toEpochMilli(), derivationIndex, evmAddress, metadata,
                updatedAt.toEpochMilli(), xrpAddress, xrpScheme.wireName());
    }

    @Override
    public List<String> rowValues() {
        return Arrays.asList(agentId, Integer.toString(derivationIndex), evmAddress, xrpAddress, xrpScheme.wireName(),
                Long.toString(createdAt.toEpochMilli()), Long.toString(updatedAt.toEpochMilli()), metadata);
    }
}
