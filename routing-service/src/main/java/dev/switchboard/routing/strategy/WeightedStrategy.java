package dev.switchboard.routing.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

import jakarta.inject.Singleton;

import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.model.policy.Strategy;

/**
 * A random first pick proportional to the group-local weights (weight 0 is never picked first), then every other
 * candidate as a fallback by descending weight, ties in listed order. Throttled targets were removed before, so the
 * split is recalculated over what can actually take traffic.
 */
@Singleton
public class WeightedStrategy implements RoutingStrategy {

    private static final Comparator<ResolvedTarget> BY_WEIGHT_DESC = Comparator
            .comparingInt(ResolvedTarget::weight)
            .reversed();

    @Override
    public String name() {
        return Strategy.WEIGHTED.wireName();
    }

    @Override
    public List<ResolvedTarget> order(List<ResolvedTarget> candidates, RandomGenerator random) {
        long total = 0;
        for (ResolvedTarget t : candidates) {
            total += Math.max(0, t.weight());
        }
        List<ResolvedTarget> rest = new ArrayList<>(candidates);
        List<ResolvedTarget> ordered = new ArrayList<>(candidates.size());
        if (total > 0) {
            long pick = random.nextLong(total);
            for (ResolvedTarget t : candidates) {
                pick -= Math.max(0, t.weight());
                if (pick < 0) {
                    ordered.add(t);
                    rest.remove(t);
                    break;
                }
            }
        }
        // List.sort is stable: equal weights keep the operator's order
        rest.sort(BY_WEIGHT_DESC);
        ordered.addAll(rest);
        return ordered;
    }
}
