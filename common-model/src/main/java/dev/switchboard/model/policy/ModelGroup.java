package dev.switchboard.model.policy;

import java.util.List;

/**
 * A caller-facing model group ({@code models.<group>}): the name callers send as {@code model}, the strategy that
 * orders its targets, and the targets themselves. Fallback never leaves the group.
 */
public record ModelGroup(String description, String strategy, Long attemptTimeoutMs, List<Target> targets) {

    public ModelGroup {
        strategy = strategy == null ? "failover" : strategy;
        targets = targets == null ? List.of() : targets;
    }

    public Strategy strategyKind() {
        return Strategy.fromName(strategy).orElseThrow();
    }
}
