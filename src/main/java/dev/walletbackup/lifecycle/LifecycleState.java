package dev.walletbackup.lifecycle;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;

/**
 * Where an agent wallet is in its life. Legal moves: pending→active, active↔suspended,
 * active|suspended→archived. Archived is terminal.
 */
public enum LifecycleState {
    PENDING, ACTIVE, SUSPENDED, ARCHIVED;

    public Set<LifecycleState> allowedTargets() {
        return switch (this) {
            case PENDING -> Set.of(ACTIVE);
            case ACTIVE -> Set.of(SUSPENDED, ARCHIVED);
            case SUSPENDED -> Set.of(ACTIVE, ARCHIVED);
            case ARCHIVED -> Set.of();
        };
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LifecycleState fromWireName(String name) {
        for (LifecycleState state : values()) {
            if (state.wireName().equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown lifecycle state '" + name + "' (pending, active, suspended, archived)");
    }
}
