package dev.switchboard.routing.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.switchboard.model.security.RequestIds;

/** Requests as the gateway sends them: caller body bytes plus the {@code x-sb-*} headers. */
public final class Calls {

    public static final String PATH = "/internal/v1/route";

    private Calls() {
    }

    public static JsonObject chat(String group, String prompt) {
        return new JsonObject().put("model", group)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", prompt)));
    }

    /** An OpenAI Responses body with a string input. */
    public static JsonObject responses(String group, String prompt) {
        return new JsonObject().put("model", group).put("input", prompt);
    }

    /** An Anthropic Messages body (Anthropic requires {@code max_tokens}). */
    public static JsonObject anthropic(String group, String prompt) {
        return new JsonObject().put("model", group)
                .put("max_tokens", 512)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", prompt)));
    }

    /** A body of {@code dialect} with one user prompt. */
    public static JsonObject body(String dialect, String group, String prompt) {
        return switch (dialect) {
            case "openai-chat" -> chat(group, prompt);
            case "openai-responses" -> responses(group, prompt);
            case "anthropic-messages" -> anthropic(group, prompt);
            default -> throw new IllegalArgumentException(dialect);
        };
    }

    public static RequestSpecification gateway(String requestId, String group, boolean stream) {
        return gateway(requestId, group, stream, "openai-chat");
    }

    public static RequestSpecification gateway(String requestId, String group, boolean stream, String dialect) {
        return given().header("x-sb-internal-token", RoutingTestResource.INTERNAL_TOKEN)
                .header("x-request-id", requestId)
                .header("x-sb-dialect", dialect)
                .header("x-sb-group", group)
                .header("x-sb-requested-model", group)
                .header("x-sb-stream", Boolean.toString(stream))
                .header("x-sb-caller-id", "team-a")
                .header("x-sb-caller-user", "alice")
                .header("x-sb-caller-project", "checkout")
                .header("x-sb-caller-env", "prod")
                .header("x-sb-token-id", "sbk_team-a")
                .header("x-sb-client", "test-client/1.0")
                .header("x-sb-received-at", Long.toString(System.currentTimeMillis()))
                .header("x-sb-estimated-input-tokens", "9")
                .header("x-sb-policy-version", "routing-test")
                .contentType("application/json");
    }

    public static Response route(String requestId, JsonObject body) {
        boolean stream = body.getBoolean("stream", false);
        return gateway(requestId, body.getString("model"), stream).body(body.encode()).post(PATH);
    }

    public static Response route(String requestId, String dialect, JsonObject body) {
        boolean stream = body.getBoolean("stream", false);
        return gateway(requestId, body.getString("model"), stream, dialect).body(body.encode()).post(PATH);
    }

    public static String newRequestId() {
        return RequestIds.generate();
    }
}
