package dev.switchboard.gateway.dialect;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;

/** Refusals shared by the gateway's endpoints. */
final class EdgeErrors {

    static final GatewayError NO_POLICY = GatewayError
            .of(ErrorType.SERVICE_UNAVAILABLE, "the gateway has no active policy yet; retry shortly")
            .withDetail("reason", "no-active-policy")
            .withRetryAfter(1);
    static final GatewayError ROUTING_UNREACHABLE = GatewayError
            .of(ErrorType.SERVICE_UNAVAILABLE, "the routing service is unreachable; retry shortly")
            .withDetail("reason", "routing-unreachable")
            .withRetryAfter(1);

    private EdgeErrors() {
    }
}
