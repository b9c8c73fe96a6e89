package dev.switchboard.model.error;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.json.Json;

/**
 * Renders a {@link GatewayError} in the caller's dialect so that SDKs raise their typed errors. Every envelope carries
 * the request ID, inside {@code details} and at the top level of the error object.
 */
public final class ErrorEnvelopes {

    private ErrorEnvelopes() {
    }

    public static ObjectNode toJson(Dialect dialect, String requestId, GatewayError error) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("request_id", requestId);
        details.putAll(error.details());
        if (error.retryAfterSeconds() != null) {
            details.putIfAbsent("retry_after_ms", error.retryAfterSeconds() * 1000);
        }

        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode inner = Json.MAPPER.createObjectNode();
        if (dialect != null && dialect.anthropicEnvelope()) {
            body.put("type", "error");
            // Anthropic SDKs choose their typed error from the HTTP status; error.type keeps the catalogue name.
            inner.put("type", error.type().type());
            inner.put("message", error.message());
            inner.put("request_id", requestId);
            inner.set("details", Json.MAPPER.valueToTree(details));
            body.set("error", inner);
            body.put("request_id", requestId);
        } else {
            inner.put("type", error.type().type());
            inner.put("message", error.message());
            inner.put("code", error.type().code());
            inner.put("request_id", requestId);
            inner.set("details", Json.MAPPER.valueToTree(details));
            body.set("error", inner);
        }
        return body;
    }

    public static byte[] toBytes(Dialect dialect, String requestId, GatewayError error) {
        try {
            return Json.MAPPER.writeValueAsBytes(toJson(dialect, requestId, error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error envelope is always serialisable", e);
        }
    }
}
