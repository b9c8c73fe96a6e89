package dev.switchboard.routing.internal;

import io.vertx.core.http.HttpServerRequest;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.routing.RouteRequest;

/** Reads the gateway's {@code x-sb-*} headers; malformed optional values are dropped rather than trusted. */
final class RouteHeaders {

    private static final int MAX_VALUE_LENGTH = 256;

    private RouteHeaders() {
    }

    /** @return the request; {@link RouteRequest#dialect()} is {@code null} when the header is missing or unknown */
    static RouteRequest read(HttpServerRequest http, String requestId) {
        Long receivedAt = parseLong(http.getHeader(InternalHeaders.RECEIVED_AT));
        return new RouteRequest(requestId,
                Dialect.fromWireName(http.getHeader(InternalHeaders.DIALECT)).orElse(null),
                text(http, InternalHeaders.GROUP), text(http, InternalHeaders.REQUESTED_MODEL),
                "true".equalsIgnoreCase(http.getHeader(InternalHeaders.STREAM)), text(http, InternalHeaders.CALLER_ID),
                text(http, InternalHeaders.CALLER_USER), text(http, InternalHeaders.CALLER_PROJECT),
                text(http, InternalHeaders.CALLER_ENV), text(http, InternalHeaders.TOKEN_ID),
                text(http, InternalHeaders.CLIENT),
                receivedAt == null || receivedAt <= 0 ? System.currentTimeMillis() : receivedAt,
                parseLong(http.getHeader(InternalHeaders.ESTIMATED_INPUT_TOKENS)),
                text(http, InternalHeaders.POLICY_VERSION), text(http, InternalHeaders.ANTHROPIC_VERSION),
                text(http, InternalHeaders.ANTHROPIC_BETA));
    }

    private static String text(HttpServerRequest http, String name) {
        String value = http.getHeader(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value;
    }

    private static Long parseLong(String value) {
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed < 0 ? null : parsed;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
