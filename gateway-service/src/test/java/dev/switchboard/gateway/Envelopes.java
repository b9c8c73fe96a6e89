package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Checks the shape of the error bodies the gateway renders itself, per caller dialect. */
public final class Envelopes {

    private Envelopes() {
    }

    /**
     * Anthropic's envelope, as its SDKs parse it: {@code type: error}, the catalogue type in {@code error.type}, the
     * request ID at the top level, inside {@code error} and in {@code details}, and in both request ID headers.
     */
    public static JsonPath assertAnthropic(Response response, int status, String type) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        String requestId = response.header("X-Request-Id");
        assertThat(requestId).isNotBlank();
        assertThat(response.header("request-id")).isEqualTo(requestId);
        JsonPath body = response.jsonPath();
        Map<String, Object> root = body.getMap("");
        assertThat(root).containsOnlyKeys("type", "error", "request_id");
        assertThat(body.getString("type")).isEqualTo("error");
        assertThat(body.getString("request_id")).isEqualTo(requestId);
        assertThat(body.getString("error.type")).isEqualTo(type);
        assertThat(body.getString("error.message")).isNotBlank();
        assertThat(body.getString("error.request_id")).isEqualTo(requestId);
        assertThat(body.getString("error.details.request_id")).isEqualTo(requestId);
        // OpenAI's code field would not hurt an Anthropic SDK, but its absence proves which renderer answered
        assertThat(body.getMap("error")).doesNotContainKey("code");
        return body;
    }

    /** OpenAI's envelope: {@code {"error":{type, message, code, request_id, details}}} and no Anthropic header. */
    public static JsonPath assertOpenAi(Response response, int status, String type) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        String requestId = response.header("X-Request-Id");
        assertThat(response.header("request-id")).isNull();
        JsonPath body = response.jsonPath();
        assertThat(body.getMap("")).containsOnlyKeys("error");
        assertThat(body.getString("error.type")).isEqualTo(type);
        assertThat(body.getString("error.code")).isEqualTo(type.replace('-', '_'));
        assertThat(body.getString("error.request_id")).isEqualTo(requestId);
        assertThat(body.getString("error.details.request_id")).isEqualTo(requestId);
        return body;
    }
}
