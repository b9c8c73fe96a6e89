package dev.switchboard.simulator.openai;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.simulator.json.JsonWriter;
import dev.switchboard.simulator.scenario.Failure;

/** OpenAI's error envelope: {@code {"error":{"message","type","param","code"}}}, typed as the real API types it. */
final class OpenAiErrors {

    private OpenAiErrors() {
    }

    static Buffer body(Failure failure) {
        return JsonWriter.json(json -> write(json, failure));
    }

    static Buffer event(Failure failure) {
        return JsonWriter.sse(json -> write(json, failure));
    }

    private static void write(JsonGenerator json, Failure failure) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("error");
        json.writeStringField("message", failure.message());
        json.writeStringField("type", type(failure));
        json.writeStringField("param", failure.param());
        json.writeStringField("code", code(failure));
        json.writeEndObject();
        json.writeEndObject();
    }

    static String type(Failure failure) {
        return switch (failure.kind()) {
            case INVALID_REQUEST, UNAUTHORIZED, FORBIDDEN, MODEL_NOT_FOUND, UNKNOWN_URL -> "invalid_request_error";
            case QUOTA_EXHAUSTED -> "insufficient_quota";
            case RATE_LIMITED -> "requests";
            case SERVER_ERROR, OVERLOADED -> "server_error";
        };
    }

    static String code(Failure failure) {
        return switch (failure.kind()) {
            case UNAUTHORIZED -> "invalid_api_key";
            case QUOTA_EXHAUSTED -> "insufficient_quota";
            case FORBIDDEN -> "unsupported_country_region_territory";
            case MODEL_NOT_FOUND -> "model_not_found";
            case UNKNOWN_URL -> "unknown_url";
            case RATE_LIMITED -> "rate_limit_exceeded";
            case INVALID_REQUEST, SERVER_ERROR, OVERLOADED -> null;
        };
    }
}
