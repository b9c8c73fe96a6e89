package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.switchboard.gateway.usage.EdgeUsageEvents;
import dev.switchboard.model.codec.Codecs;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.RequestFacts;
import dev.switchboard.model.json.Json;

/**
 * {@code count_tokens} is answered by the gateway itself: authenticated and allow-listed like Messages, never
 * forwarded, no usage event, not counted against caller limits.
 */
@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class CountTokensTest {

    static final String COUNT = "/anthropic/v1/messages/count_tokens";

    @Inject
    @Any
    InMemoryConnector connector;

    @GatewayTestResources.Backends
    FakeBackends backends;

    UsageSink usage;

    @BeforeEach
    void setUp() {
        usage = new UsageSink(connector.sink(EdgeUsageEvents.CHANNEL));
        usage.clear();
        backends.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/anthropic/v1/messages/count_tokens", "/anthropic/v1/messages/count_tokens?beta=true",
            "/v1/messages/count_tokens", "/v1/messages/count_tokens?beta=true"})
    void answersTheEstimateLocally(String path) throws Exception {
        Response response = given().header("x-api-key", Tokens.of("alice"))
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "token-counting-2024-11-01")
                .contentType(ContentType.JSON)
                .body(Bodies.countTokens("alpha"))
                .post(path);
        response.then().statusCode(200).contentType("application/json");
        assertThat(response.header("request-id")).isEqualTo(response.header("X-Request-Id")).isNotBlank();
        Map<String, Object> body = response.jsonPath().getMap("");
        assertThat(body).containsOnlyKeys("input_tokens");
        assertThat(((Number) body.get("input_tokens")).intValue()).isEqualTo(expectedEstimate(Bodies.countTokens(
                "alpha"))).isPositive();

        assertThat(backends.routeCalls).isEmpty();
        usage.assertNoneFor(response.header("X-Request-Id"));
    }

    @Test
    void aLongerPromptCountsMoreAndBearerWorksToo() {
        int shortCount = tokens(given().auth().oauth2(Tokens.of("alice")), Bodies.countTokens("alpha"));
        int longCount = tokens(given().auth().oauth2(Tokens.of("alice")),
                Bodies.countTokens("alpha").replace(Bodies.PROMPT, (Bodies.PROMPT + " ").repeat(20)));
        assertThat(longCount).isGreaterThan(shortCount * 5);
        // max_tokens and stream, which Messages requires or allows, change nothing here
        assertThat(tokens(given().auth().oauth2(Tokens.of("alice")),
                Bodies.messages("alpha").replace("\"max_tokens\":64", "\"max_tokens\":64,\"stream\":true")))
                .isPositive();
        assertThat(backends.routeCalls).isEmpty();
    }

    @Test
    void refusesDisallowedModelsAndUnknownCallersInTheAnthropicEnvelope() {
        Response forbidden = send(given().header("x-api-key", Tokens.of("narrow")), Bodies.countTokens("alpha"));
        JsonPath body = Envelopes.assertAnthropic(forbidden, 403, "model-not-allowed");
        assertThat(body.getString("error.details.model")).isEqualTo("alpha");
        Envelopes.assertAnthropic(send(given().header("x-api-key", Tokens.of("star")),
                Bodies.countTokens("claude-sonnet-4")), 403, "model-not-allowed");
        Envelopes.assertAnthropic(send(given(), Bodies.countTokens("alpha")), 401, "unauthorized");
        Envelopes.assertAnthropic(send(given().auth().oauth2("sbk_nobody_not-a-real-token"),
                Bodies.countTokens("alpha")), 401, "unauthorized");
        Envelopes.assertAnthropic(send(given().header("x-api-key", Tokens.of("suspended")),
                Bodies.countTokens("alpha")), 403, "key-suspended");
        Response invalid = send(given().header("x-api-key", Tokens.of("alice")), "{\"model\":\"alpha\"}");
        assertThat(Envelopes.assertAnthropic(invalid, 400, "invalid-request").getString("error.details.field"))
                .isEqualTo("messages");
        Envelopes.assertAnthropic(given().header("x-api-key", Tokens.of("alice"))
                .contentType("text/plain")
                .body(Bodies.countTokens("alpha"))
                .post(COUNT), 415, "unsupported-media-type");

        assertThat(backends.routeCalls).isEmpty();
        // count_tokens is not a model request: no usage rows, refused or not
        usage.assertNoneFor(forbidden.header("X-Request-Id"));
        assertThat(usage.messages()).isEmpty();
    }

    @Test
    void isNotCountedAgainstCallerLimits() {
        // caller 'rpm' may make 3 requests a minute; token counts are free
        for (int i = 0; i < 5; i++) {
            send(given().header("x-api-key", Tokens.of("rpm")), Bodies.countTokens("alpha")).then().statusCode(200);
        }
        assertThat(backends.routeCalls).isEmpty();
    }

    private static int tokens(RequestSpecification request, String body) {
        Response response = send(request, body);
        response.then().statusCode(200);
        return response.jsonPath().getInt("input_tokens");
    }

    private static Response send(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON).body(body).post(COUNT);
    }

    private static int expectedEstimate(String body) throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(body);
        json.put("max_tokens", 1);
        return RequestFacts.countInputTokens(Codecs.of(Dialect.ANTHROPIC_MESSAGES).decodeRequest(json));
    }
}
