package dev.switchboard.routing.strategy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/** Looks strategies up by their policy name; every {@link RoutingStrategy} bean registers itself. */
@Singleton
public class Strategies {

    private final Map<String, RoutingStrategy> byName = new HashMap<>();

    Strategies(Instance<RoutingStrategy> strategies) {
        for (RoutingStrategy s : strategies) {
            byName.put(s.name(), s);
        }
    }

    /** The validator only admits known strategies; an unknown one here means a newer policy than this binary. */
    public RoutingStrategy forName(String name) {
        RoutingStrategy s = name == null ? null : byName.get(name.trim().toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new UnknownStrategyException(name);
        }
        return s;
    }

    public static final class UnknownStrategyException extends RuntimeException {
        public UnknownStrategyException(String name) {
            super("unknown strategy '" + name + "'", null, false, false);
        }
    }
}
