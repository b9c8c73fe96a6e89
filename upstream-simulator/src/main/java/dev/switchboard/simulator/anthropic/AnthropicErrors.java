package dev.switchboard.simulator.anthropic;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.simulator.json.JsonWriter;
import dev.switchboard.simulator.scenario.Failure;

/** Anthropic's error envelope: {@code {"type":"error","error":{"type","message"}}}, typed as the real API types it. */
final class AnthropicErrors {

    private AnthropicErrors() {
    }

    static Buffer body(Failure failure) {
        return JsonWriter.json(json -> write(json, failure));
    }

    static Buffer event(Failure failure) {
        return JsonWriter.sse("error", json -> write(json, failure));
    }

    private static void write(JsonGenerator json, Failure failure) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "error");
        json.writeObjectFieldStart("error");
        json.writeStringField("type", type(failure));
        json.writeStringField("message", failure.message());
        json.writeEndObject();
        json.writeEndObject();
    }

    static String type(Failure failure) {
        return switch (failure.kind()) {
            case UNAUTHORIZED -> "authentication_error";
            case QUOTA_EXHAUSTED -> "billing_error";
            case FORBIDDEN -> "permission_error";
            case MODEL_NOT_FOUND, UNKNOWN_URL -> "not_found_error";
            case RATE_LIMITED -> "rate_limit_error";
            case OVERLOADED -> "overloaded_error";
            case SERVER_ERROR -> failure.status() == 529 || failure.status() == 503 ? "overloaded_error" : "api_error";
            case INVALID_REQUEST -> byStatus(failure.status());
        };
    }

    /** {@code sim-status-NNN} request errors: the type Anthropic uses for that status. */
    private static String byStatus(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            default -> "invalid_request_error";
        };
    }
}
