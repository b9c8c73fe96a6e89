package dev.switchboard.routing.strategy;

import java.util.List;
import java.util.random.RandomGenerator;

import dev.switchboard.model.policy.ResolvedTarget;

/**
 * Orders a group's eligible, non-throttled targets for one request: the first is tried first, the rest are the
 * fallbacks in order. Implementations are stateless CDI beans; a new strategy is one more bean with its own name.
 */
public interface RoutingStrategy {

    /** The {@code models.<group>.strategy} value this implements. */
    String name();

    /** @param candidates never empty, in the order the operator listed them */
    List<ResolvedTarget> order(List<ResolvedTarget> candidates, RandomGenerator random);
}
