package dev.switchboard.model.policy;

import java.util.Locale;
import java.util.Optional;

/** How a group orders its eligible targets for a request. */
public enum Strategy {
    /** Exactly one target serves the group. */
    STATIC,
    /** Targets in listed order; later ones only after a retryable failure. */
    FAILOVER,
    /** A random pick by group-local weight first, the rest as fallbacks in weight order. */
    WEIGHTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Strategy> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Strategy s : values()) {
            if (s.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
