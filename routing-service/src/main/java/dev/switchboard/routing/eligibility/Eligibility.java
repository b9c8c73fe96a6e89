package dev.switchboard.routing.eligibility;

import java.util.List;
import java.util.Map;

import dev.switchboard.model.policy.ResolvedTarget;

/**
 * The outcome of filtering a group's targets for one request.
 *
 * @param eligible targets that can serve the request, in listed order
 * @param missing for each ineligible target (by {@code provider/model_ref}), the requirement labels it fails
 * @param requirements every label an ineligible target failed, in first-seen order: what the operator must add
 * @param overCapRerouted some target was left out because the request's output cap exceeds its maximum and it is
 *        configured to reroute rather than clamp
 */
public record Eligibility(List<ResolvedTarget> eligible, Map<String, List<String>> missing, List<String> requirements,
        boolean overCapRerouted) {

    public boolean none() {
        return eligible.isEmpty();
    }
}
