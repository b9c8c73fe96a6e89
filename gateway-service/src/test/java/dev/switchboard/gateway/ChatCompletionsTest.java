package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.switchboard.gateway.policy.PolicyHolder;
import dev.switchboard.gateway.usage.EdgeUsageEvents;
import dev.switchboard.model.dialect.ChatCompletions;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.policy.CompiledPolicy;
import dev.switchboard.model.policy.PolicySets;
import dev.switchboard.model.usage.UsageEvent;

@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class ChatCompletionsTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    PolicyHolder policies;

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
    void forwardsTheBodyUnchangedWithTheContractHeaders() {
        // odd spacing, unknown fields and unicode: routing must receive these exact bytes
        String body = "{ \"model\" : \"alpha\", \"messages\":[{\"role\":\"user\",\"content\":\"" + Bodies.PROMPT
                + " – ünïcode\"}],\n \"x_vendor_extension\": {\"keep\": [1, 2.50, null]}, \"temperature\":0.2 }";
        String userAgent = "test-agent/1.0 " + "x".repeat(200);
        long before = System.currentTimeMillis();
        given().auth()
                .oauth2(Tokens.of("alice"))
                .header("X-Request-Id", "caller-chosen-id.42")
                .header("User-Agent", userAgent)
                .contentType("application/json; charset=utf-8")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Request-Id", "caller-chosen-id.42")
                .header("x-not-relayed", nullValue())
                .contentType("application/json")
                .body("id", equalTo("chatcmpl-test"))
                .body("model", equalTo("alpha"));
        long after = System.currentTimeMillis();

        assertThat(backends.routeCalls).hasSize(1);
        FakeBackends.Received call = backends.routeCalls.peek();
        assertThat(call.path()).isEqualTo("/internal/v1/route");
        assertThat(call.body()).isEqualTo(body);
        assertThat(call.header("x-sb-internal-token")).isEqualTo(GatewayTestResources.INTERNAL_TOKEN);
        assertThat(call.header("x-request-id")).isEqualTo("caller-chosen-id.42");
        assertThat(call.header("x-sb-dialect")).isEqualTo("openai-chat");
        assertThat(call.header("x-sb-group")).isEqualTo("alpha");
        assertThat(call.header("x-sb-requested-model")).isEqualTo("alpha");
        assertThat(call.header("x-sb-stream")).isEqualTo("false");
        assertThat(call.header("x-sb-caller-id")).isEqualTo("alice");
        assertThat(call.header("x-sb-caller-user")).isEqualTo("alice");
        assertThat(call.header("x-sb-caller-project")).isEqualTo("checkout");
        assertThat(call.header("x-sb-caller-env")).isEqualTo("prod");
        assertThat(call.header("x-sb-token-id")).isEqualTo("sbk_alice");
        assertThat(call.header("x-sb-client")).isEqualTo(userAgent.substring(0, 128));
        assertThat(Long.parseLong(call.header("x-sb-received-at"))).isBetween(before, after);
        assertThat(Integer.parseInt(call.header("x-sb-estimated-input-tokens"))).isPositive();
        assertThat(call.header("x-sb-policy-version")).isEqualTo("gw-test-1");
        assertThat(call.header("content-type")).isEqualTo("application/json");

        // the router token and its hash never travel inward
        assertThat(call.headers()).doesNotContainKeys("authorization", "x-api-key");
        String allHeaders = call.headers().toString().toLowerCase();
        assertThat(allHeaders).doesNotContain(Tokens.of("alice").toLowerCase()).doesNotContain(Tokens.hashOf("alice"));
        assertThat(usage.messages()).isEmpty();
    }

    @Test
    void sendsTheCheapEstimateUnlessAContextWindowIsWithinReach() throws IOException {
        String prose = "Operators watch the gateway's latency, and callers expect the answers they would get directly. ";
        String small = chatBody("alpha", prose);
        String nearWindow = chatBody("small-window", prose.repeat(10));

        for (String body : new String[]{small, nearWindow}) {
            given().auth().oauth2(Tokens.of("star")).contentType(ContentType.JSON).body(body)
                    .post("/v1/chat/completions").then().statusCode(200);
        }

        assertThat(backends.routeCalls).hasSize(2);
        FakeBackends.Received far = backends.routeCalls.poll();
        FakeBackends.Received near = backends.routeCalls.poll();
        assertThat(Integer.parseInt(far.header("x-sb-estimated-input-tokens")))
                .as("no target of alpha has a context window: the tokenizer-free estimate is sent")
                .isEqualTo(ChatCompletions.inspect(json(small)).estimatedInputTokens());
        int exact = ChatCompletions.countInputTokens(json(nearWindow));
        assertThat(exact).as("the test prompt must differ between estimate and count").isNotEqualTo(
                ChatCompletions.inspect(json(nearWindow)).estimatedInputTokens());
        assertThat(Integer.parseInt(near.header("x-sb-estimated-input-tokens")))
                .as("a prompt near the 200-token window is counted with the real tokenizer").isEqualTo(exact);
    }

    private static String chatBody(String model, String text) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
    }

    private static ObjectNode json(String body) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(body);
    }

    @Test
    void relaysSmallAnswersWholeAndLargeOnesPipedWithTheirLength() {
        Response small = given().auth().oauth2(Tokens.of("star")).contentType(ContentType.JSON)
                .body(Bodies.chat("alpha")).post("/v1/chat/completions");
        small.then().statusCode(200).body("id", equalTo("chatcmpl-test"));
        assertThat(small.header("content-length")).isEqualTo(Integer.toString(small.asByteArray().length));

        Response large = given().auth().oauth2(Tokens.of("star")).contentType(ContentType.JSON)
                .body(Bodies.chat("beta")).post("/v1/chat/completions");
        large.then().statusCode(200).body("id", equalTo("chatcmpl-large"));
        assertThat(large.asByteArray()).hasSizeGreaterThan(FakeBackends.LARGE_ANSWER_PAD);
        assertThat(large.header("content-length")).isEqualTo(Integer.toString(large.asByteArray().length));
    }

    @Test
    void relaysRoutingErrorsWithTheirHeaders() {
        String requestId = given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("failing"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(503)
                .header("Retry-After", "7")
                .header("x-router-error-class", "upstream_rate_limited")
                .header("x-upstream-status", "429")
                .header("x-not-relayed", nullValue())
                .body("error.type", equalTo("upstream-rate-limited"))
                .extract()
                .header("X-Request-Id");
        // routing records requests that reached it; the gateway must not add a second event
        usage.assertNoneFor(requestId);
    }

    @Test
    void requestWithoutModelUsesTheDefaultGroup() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Bodies.chatWithoutModel())
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        FakeBackends.Received call = backends.routeCalls.peek();
        assertThat(call.header("x-sb-group")).isEqualTo("alpha");
        assertThat(call.header("x-sb-requested-model")).isEmpty();
    }

    @Test
    void requestWithoutModelAndWithoutDefaultGroupIsMissingModel() throws IOException {
        CompiledPolicy original = policies.current();
        policies.activate(PolicySets.compile(testPolicy().replace("  default_model_group: alpha\n", "")
                .replace("version: gw-test-1", "version: gw-test-no-default")));
        try {
            String requestId = given().auth()
                    .oauth2(Tokens.of("alice"))
                    .contentType(ContentType.JSON)
                    .body(Bodies.chatWithoutModel())
                    .post("/v1/chat/completions")
                    .then()
                    .statusCode(400)
                    .body("error.type", equalTo("missing-model"))
                    .extract()
                    .header("X-Request-Id");
            UsageEvent event = usage.awaitOne(requestId);
            assertThat(event.errorType()).isEqualTo("missing-model");
            assertThat(event.policyVersion()).isEqualTo("gw-test-no-default");
            assertThat(event.callerId()).isEqualTo("alice");
        } finally {
            policies.activate(original);
        }
        assertThat(backends.routeCalls).isEmpty();
    }

    @Test
    void groupsOutsideTheAllowListNeverReachRouting() {
        String forbidden = given().auth()
                .oauth2(Tokens.of("narrow"))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(403)
                .body("error.type", equalTo("model-not-allowed"))
                .body("error.details.model", equalTo("alpha"))
                .extract()
                .header("X-Request-Id");
        // '*' allows every configured group, not names the policy does not know
        String unknown = given().auth()
                .oauth2(Tokens.of("star"))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("no-such-group"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(403)
                .body("error.type", equalTo("model-not-allowed"))
                .extract()
                .header("X-Request-Id");

        assertThat(backends.routeCalls).isEmpty();
        UsageEvent event = usage.awaitOne(forbidden);
        assertThat(event.status()).isEqualTo(403);
        assertThat(event.requestedModel()).isEqualTo("alpha");
        assertThat(event.callerId()).isEqualTo("narrow");
        assertThat(event.callerProject()).isEqualTo("search");
        assertThat(usage.awaitOne(unknown).requestedModel()).isEqualTo("no-such-group");
    }

    @Test
    void invalidBodiesNameTheField() {
        assertInvalid("{not json", "body");
        assertInvalid("[1,2,3]", "body");
        assertInvalid("{\"model\":\"alpha\"} trailing", "body");
        assertInvalid("{\"model\":\"alpha\"}", "messages");
        assertInvalid("{\"model\":\"alpha\",\"messages\":[]}", "messages");
        assertInvalid("{\"model\":7,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model");
        assertInvalid(
                "{\"model\":\"alpha\",\"messages\":[{\"role\":\"wizard\",\"content\":\"" + Bodies.PROMPT + "\"}]}",
                "messages[0].role");
        assertInvalid("{\"model\":\"alpha\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "stream");
        assertInvalid("{\"model\":\"alpha\",\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "max_tokens");
        assertThat(backends.routeCalls).isEmpty();
    }

    private void assertInvalid(String body, String field) {
        Response response = given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.type", equalTo("invalid-request"))
                .body("error.details.field", equalTo(field))
                .extract()
                .response();
        assertThat(response.asString()).doesNotContain(Bodies.PROMPT);
        UsageEvent event = usage.awaitOne(response.header("X-Request-Id"));
        assertThat(event.status()).isEqualTo(400);
        assertThat(event.errorType()).isEqualTo("invalid-request");
    }

    @Test
    void nonJsonContentTypeIsUnsupported() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType("text/plain")
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(415)
                .body("error.type", equalTo("unsupported-media-type"));
        assertThat(backends.routeCalls).isEmpty();
    }

    @Test
    void oversizedBodiesAreRefused() {
        String big = "{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat((int) GatewayTestResources.MAX_BODY_BYTES) + "\"}]}";
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(big)
                .post("/v1/chat/completions")
                .then()
                .statusCode(413)
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{32}"))
                .body("error.type", equalTo("request-too-large"))
                .body("error.details.max_bytes", equalTo((int) GatewayTestResources.MAX_BODY_BYTES));
        assertThat(backends.routeCalls).isEmpty();
    }

    @Test
    void requestIdIsAcceptedOrGeneratedOnEveryResponse() {
        given().header("X-Request-Id", "trace-123_abc:def")
                .get("/no/such/path")
                .then()
                .statusCode(404)
                .header("X-Request-Id", "trace-123_abc:def")
                .body("error.type", equalTo("not-found"))
                .body("error.request_id", equalTo("trace-123_abc:def"));
        given().header("X-Request-Id", "not ok; spaces and semicolons")
                .get("/healthz")
                .then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{32}"));
        given().header("X-Request-Id", "x".repeat(129))
                .get("/version")
                .then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{32}"));
        given().get("/v1/chat/completions")
                .then()
                .statusCode(405)
                .header("Allow", "POST")
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{32}"))
                .body("error.type", equalTo("method-not-allowed"));
        given().header("X-Request-Id", "given-on-error")
                .post("/v1/chat/completions")
                .then()
                .statusCode(401)
                .header("X-Request-Id", "given-on-error")
                .body("error.request_id", equalTo("given-on-error"));
    }

    @Test
    void unreachableRoutingIsServiceUnavailableAndRecorded() {
        backends.stop();
        try {
            Response response = given().auth()
                    .oauth2(Tokens.of("alice"))
                    .header("X-Request-Id", "routing-down-1")
                    .contentType(ContentType.JSON)
                    .body(Bodies.chat("alpha"))
                    .post("/v1/chat/completions")
                    .then()
                    .statusCode(503)
                    .header("X-Request-Id", "routing-down-1")
                    .header("Retry-After", "1")
                    .body("error.type", equalTo("service-unavailable"))
                    .body("error.details.reason", equalTo("routing-unreachable"))
                    .body("error.request_id", equalTo("routing-down-1"))
                    .extract()
                    .response();
            assertThat(response.asString()).doesNotContain("Exception").doesNotContain("io.vertx");
            UsageEvent event = usage.awaitOne("routing-down-1");
            assertThat(event.status()).isEqualTo(503);
            assertThat(event.errorType()).isEqualTo("service-unavailable");
            assertThat(event.callerId()).isEqualTo("alice");
            assertThat(event.resolvedGroup()).isEqualTo("alpha");
            assertThat(event.requestedModel()).isEqualTo("alpha");
        } finally {
            backends.restart();
        }
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
    }

    static String testPolicy() throws IOException {
        try (InputStream in = ChatCompletionsTest.class.getResourceAsStream("/gateway-test-policy.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
