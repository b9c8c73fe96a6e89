package dev.switchboard.routing.strategy;

import java.util.List;
import java.util.random.RandomGenerator;

import jakarta.inject.Singleton;

import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.model.policy.Strategy;

/** One target serves the group (the validator allows no more); there is nothing to fall back to. */
@Singleton
public class StaticStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return Strategy.STATIC.wireName();
    }

    @Override
    public List<ResolvedTarget> order(List<ResolvedTarget> candidates, RandomGenerator random) {
        return List.of(candidates.get(0));
    }
}
