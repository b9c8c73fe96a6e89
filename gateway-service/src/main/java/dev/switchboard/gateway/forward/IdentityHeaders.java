package dev.switchboard.gateway.forward;

import io.vertx.core.MultiMap;

import dev.switchboard.gateway.Headers;
import dev.switchboard.model.policy.Caller;

/** The caller's identity as internal services receive it: policy fields only, never the token or its hash. */
final class IdentityHeaders {

    private IdentityHeaders() {
    }

    static void add(MultiMap headers, Caller caller) {
        headers.add(Headers.CALLER_ID, caller.id());
        headers.add(Headers.CALLER_USER, nullToEmpty(caller.ownerUser()));
        headers.add(Headers.CALLER_PROJECT, nullToEmpty(caller.project()));
        headers.add(Headers.CALLER_ENV, nullToEmpty(caller.environment()));
        headers.add(Headers.TOKEN_ID, nullToEmpty(caller.tokenId()));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
