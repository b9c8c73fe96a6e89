package dev.switchboard.routing.attempt;

import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.upstream.AttemptResult;

/**
 * One finished attempt of a request.
 *
 * @param index 1-based position among the request's attempts
 * @param fallbackReason the error class of the previous attempt that handed over to this one
 * @param outputCapAction {@code clamped} when this attempt sent the target's maximum instead of the caller's cap
 */
public record Attempt(int index, ResolvedTarget target, String endpointHost, AttemptResult result,
        String fallbackReason, String outputCapAction) {
}
