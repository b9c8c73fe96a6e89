package dev.switchboard.gateway.usage;

import dev.switchboard.gateway.EdgeRequest;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.policy.Caller;

/**
 * A request the gateway answered itself, with whatever it had learned by then ({@code null} for what it had not).
 * Carries no content: the prompt never leaves the request handler.
 */
public record EdgeRejection(
        EdgeRequest edge,
        Dialect dialect,
        Caller caller,
        String requestedModel,
        String group,
        boolean stream,
        String userAgent,
        String policyVersion,
        GatewayError error) {
}
