package dev.switchboard.gateway.forward;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import dev.switchboard.gateway.EdgeRequest;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.policy.Caller;

/**
 * An admitted request on its way to routing: the caller's body bytes unchanged, and what the gateway learned about it.
 *
 * @param requestedModel the body's {@code model} as sent ({@code null} when absent)
 * @param userAgent the caller's {@code User-Agent}, {@code null} when absent
 * @param passThrough caller headers routing receives unchanged (Anthropic's version and betas), {@code null} for none
 */
public record RouteCall(
        EdgeRequest edge,
        Dialect dialect,
        Caller caller,
        String group,
        String requestedModel,
        boolean stream,
        int estimatedInputTokens,
        String policyVersion,
        String userAgent,
        MultiMap passThrough,
        Buffer body) {
}
