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

    public static RequestSpecification gateway(String requestId, String group, boolean stream) {
        return given().header("x-sb-internal-token", RoutingTestResource.INTERNAL_TOKEN)
                .header("x-request-id", requestId)
                .header("x-sb-dialect", "openai-chat")
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

    public static String newRequestId() {
        return RequestIds.generate();
    }
}
