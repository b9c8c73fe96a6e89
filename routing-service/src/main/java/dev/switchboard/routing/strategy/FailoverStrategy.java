package dev.switchboard.routing.strategy;

import java.util.List;
import java.util.random.RandomGenerator;

import jakarta.inject.Singleton;

import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.model.policy.Strategy;

/** Listed order: the second target only sees traffic when the first fails with a retryable class. */
@Singleton
public class FailoverStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return Strategy.FAILOVER.wireName();
    }

    @Override
    public List<ResolvedTarget> order(List<ResolvedTarget> candidates, RandomGenerator random) {
        return candidates;
    }
}
