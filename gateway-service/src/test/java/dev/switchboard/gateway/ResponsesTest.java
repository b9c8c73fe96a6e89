package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.switchboard.gateway.usage.EdgeUsageEvents;
import dev.switchboard.model.usage.UsageEvent;

/** {@code POST /v1/responses}: the OpenAI Responses dialect, forwarded like chat, refused in the OpenAI envelope. */
@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class ResponsesTest {

    static final String RESPONSES = "/v1/responses";

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

    @Test
    void forwardsTheBodyUnchangedWithTheResponsesDialect() {
        String body = "{ \"model\":\"alpha\", \"instructions\":\"be brief\", \"input\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"" + Bodies.PROMPT + " – ünïcode\"}]}],"
                + " \"max_output_tokens\": 128, \"store\": false, \"x_vendor\": {\"keep\": [1, 2.50]} }";
        Response response = given().auth()
                .oauth2(Tokens.of("alice"))
                .header("X-Request-Id", "responses-forward-1")
                .header("User-Agent", "codex_cli_rs/0.40.0")
                // Anthropic headers mean nothing to this dialect and are not passed on
                .header("anthropic-version", "2023-06-01")
                .contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(RESPONSES);
        response.then().statusCode(200).contentType("application/json");
        assertThat(response.header("X-Request-Id")).isEqualTo("responses-forward-1");
        assertThat(response.header("request-id")).isNull();
        assertThat(response.jsonPath().getString("object")).isEqualTo("response");

        assertThat(backends.routeCalls).hasSize(1);
        FakeBackends.Received call = backends.routeCalls.peek();
        assertThat(call.body()).isEqualTo(body);
        assertThat(call.header("x-sb-dialect")).isEqualTo("openai-responses");
        assertThat(call.header("x-sb-group")).isEqualTo("alpha");
        assertThat(call.header("x-sb-requested-model")).isEqualTo("alpha");
        assertThat(call.header("x-sb-stream")).isEqualTo("false");
        assertThat(call.header("x-sb-caller-id")).isEqualTo("alice");
        assertThat(call.header("x-sb-client")).isEqualTo("codex_cli_rs/0.40.0");
        assertThat(call.header("x-request-id")).isEqualTo("responses-forward-1");
        assertThat(call.header("x-sb-internal-token")).isEqualTo(GatewayTestResources.INTERNAL_TOKEN);
        assertThat(call.header("x-sb-policy-version")).isEqualTo("gw-test-1");
        assertThat(Integer.parseInt(call.header("x-sb-estimated-input-tokens"))).isPositive();
        assertThat(call.headers()).doesNotContainKeys("authorization", "x-api-key", "anthropic-version");
        assertThat(usage.messages()).isEmpty();
    }

    @Test
    void withoutModelTheDefaultGroupIsUsed() {
        given().header("x-api-key", Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body("{\"input\":\"hi\"}")
                .post(RESPONSES)
                .then()
                .statusCode(200);
        FakeBackends.Received call = backends.routeCalls.peek();
        assertThat(call.header("x-sb-group")).isEqualTo("alpha");
        assertThat(call.header("x-sb-requested-model")).isEmpty();
    }

    @Test
    void bothAuthStylesAuthenticateAndRefusalsUseTheOpenAiEnvelope() {
        send(given().header("x-api-key", Tokens.of("alice")), Bodies.responses("alpha")).then().statusCode(200);
        send(given().auth().oauth2(Tokens.of("alice")), Bodies.responses("alpha")).then().statusCode(200);
        assertThat(backends.routeCalls).hasSize(2);
        backends.reset();

        Response missing = send(given(), Bodies.responses("alpha"));
        Envelopes.assertOpenAi(missing, 401, "unauthorized");
        Response unknownKey = send(given().header("x-api-key", "sbk_nobody_not-a-real-token"),
                Bodies.responses("alpha"));
        Envelopes.assertOpenAi(unknownKey, 401, "unauthorized");
        Envelopes.assertOpenAi(send(given().auth().oauth2("sbk_nobody_not-a-real-token"), Bodies.responses("alpha")),
                401, "unauthorized");
        Envelopes.assertOpenAi(send(given().auth().oauth2(Tokens.of("expired")), Bodies.responses("alpha")), 403,
                "key-expired");

        assertThat(backends.routeCalls).isEmpty();
        UsageEvent event = usage.awaitOne(missing.header("X-Request-Id"));
        assertThat(event.status()).isEqualTo(401);
        assertThat(event.inboundDialect()).isEqualTo("openai-responses");
        assertThat(usage.awaitOne(unknownKey.header("X-Request-Id")).errorType()).isEqualTo("unauthorized");
    }

    @Test
    void modelsOutsideTheAllowListNeverReachRouting() {
        Response forbidden = send(given().auth().oauth2(Tokens.of("narrow")), Bodies.responses("alpha"));
        JsonPath body = Envelopes.assertOpenAi(forbidden, 403, "model-not-allowed");
        assertThat(body.getString("error.details.model")).isEqualTo("alpha");
        assertThat(backends.routeCalls).isEmpty();

        UsageEvent event = usage.awaitOne(forbidden.header("X-Request-Id"));
        assertThat(event.status()).isEqualTo(403);
        assertThat(event.inboundDialect()).isEqualTo("openai-responses");
        assertThat(event.requestedModel()).isEqualTo("alpha");
        assertThat(event.callerId()).isEqualTo("narrow");
    }

    @Test
    void invalidBodiesNameTheField() {
        assertInvalid("{not json", "body");
        assertInvalid("{\"model\":\"alpha\",\"input\":7}", "input");
        assertInvalid("{\"model\":[\"alpha\"],\"input\":\"hi\"}", "model");
        assertInvalid("{\"model\":\"alpha\",\"stream\":\"yes\",\"input\":\"hi\"}", "stream");
        assertInvalid("{\"model\":\"alpha\",\"max_output_tokens\":-5,\"input\":\"hi\"}", "max_output_tokens");
        assertInvalid("{\"model\":\"alpha\",\"input\":[{\"role\":\"wizard\",\"content\":\"" + Bodies.PROMPT + "\"}]}",
                "input[0].role");
        assertInvalid("{\"model\":\"alpha\",\"input\":\"hi\",\"tools\":{}}", "tools");
        assertThat(backends.routeCalls).isEmpty();
    }

    private void assertInvalid(String body, String field) {
        Response response = send(given().auth().oauth2(Tokens.of("alice")), body);
        JsonPath json = Envelopes.assertOpenAi(response, 400, "invalid-request");
        assertThat(json.getString("error.details.field")).isEqualTo(field);
        assertThat(response.asString()).doesNotContain(Bodies.PROMPT);
        UsageEvent event = usage.awaitOne(response.header("X-Request-Id"));
        assertThat(event.inboundDialect()).isEqualTo("openai-responses");
        assertThat(event.errorType()).isEqualTo("invalid-request");
    }

    @Test
    void otherGatewayDecidedErrorsUseTheOpenAiEnvelope() {
        Envelopes.assertOpenAi(given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType("text/plain")
                .body(Bodies.responses("alpha"))
                .post(RESPONSES), 415, "unsupported-media-type");
        Envelopes.assertOpenAi(given().get(RESPONSES), 405, "method-not-allowed");
        backends.stop();
        Response down;
        try {
            down = send(given().auth().oauth2(Tokens.of("alice")), Bodies.responses("alpha"));
        } finally {
            backends.restart();
        }
        assertThat(Envelopes.assertOpenAi(down, 503, "service-unavailable").getString("error.details.reason"))
                .isEqualTo("routing-unreachable");
        assertThat(usage.awaitOne(down.header("X-Request-Id")).inboundDialect()).isEqualTo("openai-responses");
    }

    private static Response send(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON).body(body).post(RESPONSES);
    }
}
