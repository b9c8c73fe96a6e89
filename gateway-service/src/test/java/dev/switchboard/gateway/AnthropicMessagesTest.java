package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.switchboard.gateway.usage.EdgeUsageEvents;
import dev.switchboard.model.usage.UsageEvent;

/** {@code POST /anthropic/v1/messages} and its alias {@code /v1/messages}: forwarding and Anthropic-shaped refusals. */
@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class AnthropicMessagesTest {

    static final String MESSAGES = "/anthropic/v1/messages";

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
    @ValueSource(strings = {"/anthropic/v1/messages?beta=true", "/v1/messages", "/v1/messages?beta=true"})
    void forwardsTheBodyUnchangedWithTheDialectAndAnthropicHeaders(String path) {
        String body = "{ \"model\":\"alpha\", \"max_tokens\": 64, \"system\":[{\"type\":\"text\",\"text\":\"be brief\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}], \"messages\":[{\"role\":\"user\",\"content\":\""
                + Bodies.PROMPT + " – ünïcode\"}], \"x_vendor\": [1, 2.50, null] }";
        Response response = given().header("x-api-key", Tokens.of("alice"))
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "prompt-caching-2024-07-31")
                .header("anthropic-beta", "interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14")
                .header("User-Agent", "claude-cli/1.0.0 (external, cli)")
                .header("X-Request-Id", "anthropic-forward-1")
                .contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(path);
        response.then().statusCode(200).contentType("application/json");
        assertThat(response.header("X-Request-Id")).isEqualTo("anthropic-forward-1");
        assertThat(response.header("request-id")).isEqualTo("anthropic-forward-1");
        assertThat(response.jsonPath().getString("type")).isEqualTo("message");

        assertThat(backends.routeCalls).hasSize(1);
        FakeBackends.Received call = backends.routeCalls.peek();
        assertThat(call.path()).isEqualTo("/internal/v1/route");
        assertThat(call.query()).isNull();
        assertThat(call.body()).isEqualTo(body);
        assertThat(call.header("x-sb-dialect")).isEqualTo("anthropic-messages");
        assertThat(call.header("x-sb-group")).isEqualTo("alpha");
        assertThat(call.header("x-sb-requested-model")).isEqualTo("alpha");
        assertThat(call.header("x-sb-stream")).isEqualTo("false");
        assertThat(call.header("x-sb-caller-id")).isEqualTo("alice");
        assertThat(call.header("x-sb-token-id")).isEqualTo("sbk_alice");
        assertThat(call.header("x-sb-client")).isEqualTo("claude-cli/1.0.0 (external, cli)");
        assertThat(call.header("x-sb-internal-token")).isEqualTo(GatewayTestResources.INTERNAL_TOKEN);
        assertThat(call.header("x-sb-policy-version")).isEqualTo("gw-test-1");
        assertThat(call.header("x-request-id")).isEqualTo("anthropic-forward-1");
        assertThat(Integer.parseInt(call.header("x-sb-estimated-input-tokens"))).isPositive();
        assertThat(call.headers().get("anthropic-version")).containsExactly("2023-06-01");
        assertThat(call.headers().get("anthropic-beta")).containsExactly("prompt-caching-2024-07-31",
                "interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14");
        assertThat(call.headers()).doesNotContainKeys("authorization", "x-api-key");
        assertThat(call.headers().toString()).doesNotContain(Tokens.of("alice")).doesNotContain(Tokens.hashOf("alice"));
        assertThat(usage.messages()).isEmpty();
    }

    @Test
    void withoutAnthropicHeadersNoneAreInvented() {
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body(Bodies.messages("alpha"))
                .post(MESSAGES).then().statusCode(200);
        FakeBackends.Received call = backends.routeCalls.peek();
        assertThat(call.headers()).doesNotContainKeys("anthropic-version", "anthropic-beta");
        assertThat(call.header("x-sb-dialect")).isEqualTo("anthropic-messages");
    }

    @Test
    void bothAuthStylesAuthenticateAndBothAreRefusedInTheAnthropicEnvelope() {
        given().header("x-api-key", Tokens.of("alice")).contentType(ContentType.JSON).body(Bodies.messages("alpha"))
                .post(MESSAGES).then().statusCode(200);
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body(Bodies.messages("alpha"))
                .post(MESSAGES).then().statusCode(200);
        assertThat(backends.routeCalls).hasSize(2);
        backends.reset();

        JsonPath missing = Envelopes.assertAnthropic(send(given(), Bodies.messages("alpha")), 401, "unauthorized");
        assertThat(missing.getString("error.details.reason")).isEqualTo("missing");
        Response unknownKey = send(given().header("x-api-key", "sbk_nobody_not-a-real-token"),
                Bodies.messages("alpha"));
        assertThat(Envelopes.assertAnthropic(unknownKey, 401, "unauthorized").getString("error.details.reason"))
                .isEqualTo("unknown");
        Response unknownBearer = send(given().auth().oauth2("sbk_nobody_not-a-real-token"), Bodies.messages("alpha"));
        Envelopes.assertAnthropic(unknownBearer, 401, "unauthorized");
        Response disabled = send(given().header("x-api-key", Tokens.of("disabled")), Bodies.messages("alpha"));
        Envelopes.assertAnthropic(disabled, 403, "key-disabled");

        assertThat(backends.routeCalls).isEmpty();
        UsageEvent event = usage.awaitOne(unknownKey.header("X-Request-Id"));
        assertThat(event.status()).isEqualTo(401);
        assertThat(event.inboundDialect()).isEqualTo("anthropic-messages");
        assertThat(usage.awaitOne(disabled.header("X-Request-Id")).callerId()).isEqualTo("disabled");
    }

    @Test
    void modelsOutsideTheAllowListNeverReachRouting() {
        Response forbidden = send(given().header("x-api-key", Tokens.of("narrow")), Bodies.messages("alpha"));
        JsonPath body = Envelopes.assertAnthropic(forbidden, 403, "model-not-allowed");
        assertThat(body.getString("error.details.model")).isEqualTo("alpha");
        Response unknown = send(given().header("x-api-key", Tokens.of("star")), Bodies.messages("claude-opus-4"));
        Envelopes.assertAnthropic(unknown, 403, "model-not-allowed");

        assertThat(backends.routeCalls).isEmpty();
        UsageEvent event = usage.awaitOne(forbidden.header("X-Request-Id"));
        assertThat(event.status()).isEqualTo(403);
        assertThat(event.errorType()).isEqualTo("model-not-allowed");
        assertThat(event.inboundDialect()).isEqualTo("anthropic-messages");
        assertThat(event.requestedModel()).isEqualTo("alpha");
        assertThat(event.callerId()).isEqualTo("narrow");
    }

    @Test
    void invalidBodiesNameTheFieldInTheAnthropicEnvelope() {
        assertInvalid("{not json", "body");
        assertInvalid("[1]", "body");
        assertInvalid("{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "max_tokens");
        assertInvalid("{\"model\":\"alpha\",\"max_tokens\":64}", "messages");
        assertInvalid("{\"model\":\"alpha\",\"max_tokens\":64,\"messages\":[]}", "messages");
        assertInvalid("{\"model\":7,\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model");
        assertInvalid("{\"model\":\"alpha\",\"max_tokens\":64,\"messages\":[{\"role\":\"robot\",\"content\":\""
                + Bodies.PROMPT + "\"}]}", "messages[0].role");
        assertInvalid("{\"model\":\"alpha\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "max_tokens");
        assertInvalid("{\"model\":\"alpha\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"x\",\"input\":\"" + Bodies.PROMPT + "\"}]}]}",
                "messages[0].content[0].input");
        assertThat(backends.routeCalls).isEmpty();
    }

    private void assertInvalid(String body, String field) {
        Response response = send(given().header("x-api-key", Tokens.of("alice")), body);
        JsonPath json = Envelopes.assertAnthropic(response, 400, "invalid-request");
        assertThat(json.getString("error.details.field")).isEqualTo(field);
        assertThat(response.asString()).doesNotContain(Bodies.PROMPT);
        UsageEvent event = usage.awaitOne(response.header("X-Request-Id"));
        assertThat(event.errorType()).isEqualTo("invalid-request");
        assertThat(event.inboundDialect()).isEqualTo("anthropic-messages");
    }

    @Test
    void everyOtherGatewayDecidedErrorUsesTheAnthropicEnvelope() {
        Response unsupported = given().header("x-api-key", Tokens.of("alice"))
                .contentType("text/plain")
                .body(Bodies.messages("alpha"))
                .post(MESSAGES);
        Envelopes.assertAnthropic(unsupported, 415, "unsupported-media-type");

        String big = "{\"model\":\"alpha\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat((int) GatewayTestResources.MAX_BODY_BYTES) + "\"}]}";
        Response tooLarge = send(given().header("x-api-key", Tokens.of("alice")), big);
        Envelopes.assertAnthropic(tooLarge, 413, "request-too-large");

        for (String path : new String[]{"/anthropic/v1/complete", "/anthropic/v1/messages/batches",
                "/v1/messages/batches", "/anthropic"}) {
            Response notFound = given().header("x-api-key", Tokens.of("alice")).get(path);
            Envelopes.assertAnthropic(notFound, 404, "not-found");
        }
        Response wrongMethod = given().header("x-api-key", Tokens.of("alice")).get(MESSAGES);
        Envelopes.assertAnthropic(wrongMethod, 405, "method-not-allowed");
        assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
        Envelopes.assertAnthropic(given().get("/v1/messages/count_tokens"), 405, "method-not-allowed");

        // OpenAI paths keep their envelope
        Envelopes.assertOpenAi(given().get("/v1/messagesx"), 404, "not-found");
        assertThat(backends.routeCalls).isEmpty();
    }

    @Test
    void unreachableRoutingIsServiceUnavailableInTheAnthropicEnvelope() {
        backends.stop();
        Response response;
        try {
            response = send(given().header("x-api-key", Tokens.of("alice")).header("X-Request-Id", "anthropic-down-1"),
                    Bodies.messages("alpha"));
        } finally {
            backends.restart();
        }
        JsonPath body = Envelopes.assertAnthropic(response, 503, "service-unavailable");
        assertThat(body.getString("error.details.reason")).isEqualTo("routing-unreachable");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        UsageEvent event = usage.awaitOne("anthropic-down-1");
        assertThat(event.status()).isEqualTo(503);
        assertThat(event.inboundDialect()).isEqualTo("anthropic-messages");
        assertThat(event.resolvedGroup()).isEqualTo("alpha");
    }

    @Test
    void routingErrorsAreRelayedUnchanged() {
        Response response = send(given().header("x-api-key", Tokens.of("alice")), Bodies.messages("failing"));
        response.then().statusCode(503);
        assertThat(response.header("Retry-After")).isEqualTo("7");
        assertThat(response.header("x-router-error-class")).isEqualTo("upstream_rate_limited");
        assertThat(response.header("request-id")).isEqualTo(response.header("X-Request-Id"));
        usage.assertNoneFor(response.header("X-Request-Id"));
    }

    private static Response send(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON).body(body).post(MESSAGES);
    }
}
