package dev.walletbackup.balance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The ledgers an agent wallet holds value on. */
public enum Chain {
    EVM, XRP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Chain fromWireName(String name) {
        for (Chain chain : values()) {
            if (chain.wireName().equals(name)) {
                return chain;
            }
        }
        throw new IllegalArgumentException("unknown chain '" + name + "' (evm or xrp)");
    }
}
