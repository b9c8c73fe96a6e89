package dev.switchboard.routing;

import static dev.switchboard.routing.support.Calls.chat;
import static dev.switchboard.routing.support.Calls.newRequestId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.switchboard.model.usage.AttemptRecord;
import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.routing.support.Calls;
import dev.switchboard.routing.support.FakeUpstream;
import dev.switchboard.routing.support.RoutingTestResource;
import dev.switchboard.routing.support.UsageSink;

@QuarkusTest
@QuarkusTestResource(RoutingTestResource.class)
class RouteEndpointTest {

    @Inject
    Vertx vertx;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void servesNonStreamingRequestAndAccountsForIt() {
        String id = newRequestId();
        Response response = Calls.gateway(id, "plain", false)
                .header("Authorization", "Bearer caller-token-must-not-travel")
                .header("Cookie", "session=abc")
                .body(chat("plain", "hello there").encode())
                .post(Calls.PATH);

        response.then()
                .statusCode(200)
                .header("x-request-id", id)
                .header("content-type", containsString("application/json"))
                .body("choices[0].message.content", equalTo("echo: hello there"));

        List<FakeUpstream.Seen> seen = FakeUpstream.seenFor(id);
        assertThat(seen).hasSize(1);
        FakeUpstream.Seen upstream = seen.get(0);
        assertThat(upstream.body().getString("model")).as("group name rewritten to the upstream id").isEqualTo("up-ok");
        assertThat(upstream.body().getJsonArray("messages").getJsonObject(0).getString("content"))
                .isEqualTo("hello there");
        assertThat(upstream.headers().get("authorization")).isEqualTo("Bearer " + RoutingTestResource.PROVIDER_KEY);
        assertThat(upstream.headers().get("x-request-id")).isEqualTo(id);
        assertThat(upstream.headers().names()).noneMatch(h -> h.toLowerCase().startsWith("x-sb-"));
        assertThat(upstream.headers().contains("cookie")).isFalse();

        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.source()).isEqualTo("routing");
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.callerId()).isEqualTo("team-a");
        assertThat(event.callerProject()).isEqualTo("checkout");
        assertThat(event.tokenId()).isEqualTo("sbk_team-a");
        assertThat(event.resolvedGroup()).isEqualTo("plain");
        assertThat(event.strategy()).isEqualTo("static");
        assertThat(event.targetProvider()).isEqualTo("alpha");
        assertThat(event.targetModelRef()).isEqualTo("ok");
        assertThat(event.targetModel()).isEqualTo("up-ok");
        assertThat(event.targetDialect()).isEqualTo("openai-chat");
        assertThat(event.inputTokens()).isEqualTo(12);
        assertThat(event.outputTokens()).isEqualTo(5);
        assertThat(event.totalTokens()).isEqualTo(17);
        assertThat(event.tokenSource()).isEqualTo("upstream");
        assertThat(event.inputPricePerMillionUsd()).isEqualByComparingTo("2");
        assertThat(event.pricingSource()).isEqualTo("test-sheet");
        // 12 × 2 / 1e6 + 5 × 8 / 1e6
        assertThat(event.totalCostUsd()).isEqualByComparingTo(new BigDecimal("0.000064"));
        assertThat(event.policyVersion()).isEqualTo("routing-test");
        assertThat(event.routerVersion()).isNotBlank();
        assertThat(event.ttfbMs()).isNotNull();
        assertThat(event.fallbackUsed()).isFalse();
        assertThat(event.attempts()).hasSize(1);
        AttemptRecord attempt = event.attempts().get(0);
        assertThat(attempt.selected()).isTrue();
        assertThat(attempt.statusCode()).isEqualTo(200);
        assertThat(attempt.endpointHost()).startsWith("127.0.0.1:").doesNotContain("/");
        assertThat(UsageSink.messagesFor(connector, id)).as("exactly one event per request").hasSize(1);
    }

    @Test
    void estimatesTokensWhenTheUpstreamReportsNone() {
        String id = newRequestId();
        Calls.route(id, chat("nousage", "count me")).then().statusCode(200);

        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.tokenSource()).isEqualTo("estimated");
        assertThat(event.inputTokens()).as("the gateway's estimate").isEqualTo(9);
        assertThat(event.outputTokens()).isPositive();
        assertThat(event.totalCostUsd()).isPositive();
        assertThat(UsageSink.messagesFor(connector, id)).as("exactly one event per request").hasSize(1);
    }

    @Test
    void failsOverFromA500ToTheNextTarget() {
        String id = newRequestId();
        Response response = Calls.route(id, chat("failover", "try again"));

        response.then().statusCode(200).body("model", equalTo("up-ok-two"));
        assertThat(response.asString()).doesNotContain(FakeUpstream.UPSTREAM_SECRET);
        assertThat(FakeUpstream.seenFor(id)).extracting(FakeUpstream.Seen::model)
                .containsExactly("up-500", "up-ok-two");

        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.fallbackUsed()).isTrue();
        assertThat(event.attemptCount()).isEqualTo(2);
        assertThat(event.targetModelRef()).as("priced and attributed to the serving target").isEqualTo("ok2");
        assertThat(event.inputPricePerMillionUsd()).isEqualByComparingTo("1");
        AttemptRecord first = event.attempts().get(0);
        AttemptRecord second = event.attempts().get(1);
        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(first.errorClass()).isEqualTo("upstream_server_error");
        assertThat(first.retryable()).isTrue();
        assertThat(first.selected()).isFalse();
        assertThat(first.errorMessage()).doesNotContain(FakeUpstream.UPSTREAM_SECRET);
        assertThat(second.selected()).isTrue();
        assertThat(second.fallbackReason()).isEqualTo("upstream_server_error");
        assertThat(second.attemptIndex()).isEqualTo(2);
    }

    @Test
    void doesNotFallBackOnAnUpstream400() {
        String id = newRequestId();
        Response response = Calls.route(id, chat("badrequest", "malformed for the provider"));

        response.then()
                .statusCode(502)
                .header("x-request-id", id)
                .header("x-router-error-class", "upstream_bad_request")
                .header("x-upstream-status", "400")
                .body("error.type", equalTo("upstream-failed"))
                .body("error.details.reason_code", equalTo("upstream_bad_request"))
                .body("error.details.attempts", equalTo(1))
                .body("error.details.upstream_status", equalTo(400))
                .body("error.details.retryable", equalTo(false))
                .body("error.details.request_id", equalTo(id));
        assertThat(response.asString()).doesNotContain(FakeUpstream.UPSTREAM_SECRET);
        assertThat(FakeUpstream.seenFor(id)).extracting(FakeUpstream.Seen::model).containsExactly("up-400");

        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.status()).isEqualTo(502);
        assertThat(event.errorType()).isEqualTo("upstream-failed");
        assertThat(event.errorClass()).isEqualTo("upstream_bad_request");
        assertThat(event.attemptCount()).isEqualTo(1);
        assertThat(event.error()).isNotNull();
        assertThat(event.tokenSource()).isEqualTo("none");
    }

    @Test
    void neverFollowsRedirectsAndBoundsUpstreamBodies() {
        String moved = newRequestId();
        Calls.route(moved, chat("moved", "go elsewhere"))
                .then()
                .statusCode(502)
                .body("error.type", equalTo("upstream-failed"))
                .body("error.details.reason_code", equalTo("upstream_redirect"))
                .body("error.details.attempts", equalTo(1));
        assertThat(FakeUpstream.seenFor(moved)).extracting(FakeUpstream.Seen::model).containsExactly("up-redirect");

        String huge = newRequestId();
        Calls.route(huge, chat("oversized", "too much"))
                .then()
                .statusCode(502)
                .body("error.details.reason_code", equalTo("upstream_response_too_large"));
    }

    @Test
    void refusesARequestNoTargetCanServeWithoutCallingUpstream() {
        String id = newRequestId();
        JsonObject body = new JsonObject().put("model", "vision")
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
                        .put("content", new JsonArray()
                                .add(new JsonObject().put("type", "text").put("text", "what is this?"))
                                .add(new JsonObject().put("type", "image_url")
                                        .put("image_url",
                                                new JsonObject().put("url", "data:image/png;base64,AAAA"))))));
        int before = FakeUpstream.total();

        Calls.route(id, body)
                .then()
                .statusCode(502)
                .body("error.type", equalTo("no-eligible-target"))
                .body("error.details.requirements", contains("image"))
                .body("error.details.attempts", equalTo(0))
                .body("error.details.target_count", equalTo(2));

        assertThat(FakeUpstream.total()).isEqualTo(before);
        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.status()).isEqualTo(502);
        assertThat(event.errorType()).isEqualTo("no-eligible-target");
        assertThat(event.attemptCount()).isZero();
    }

    @Test
    void fallsBackWhenAnAttemptTimesOut() {
        String id = newRequestId();
        Calls.route(id, chat("timeout-fallback", "slow first")).then().statusCode(200).body("model",
                equalTo("up-ok-two"));

        UsageEvent event = UsageSink.await(connector, id);
        AttemptRecord first = event.attempts().get(0);
        assertThat(first.timedOut()).isTrue();
        assertThat(first.errorClass()).isEqualTo("upstream_timeout");
        assertThat(first.attemptTimeoutMs()).isEqualTo(300);
        assertThat(first.durationMs()).isLessThan(1_500);
        assertThat(event.attempts().get(1).fallbackReason()).isEqualTo("upstream_timeout");
        assertThat(event.fallbackUsed()).isTrue();
    }

    @Test
    void answers504WhenEveryAttemptTimesOut() {
        String id = newRequestId();
        Calls.route(id, chat("all-timeout", "nobody answers"))
                .then()
                .statusCode(504)
                .header("x-router-error-class", "upstream_timeout")
                .body("error.type", equalTo("upstream-timeout"))
                .body("error.details.attempts", equalTo(2))
                .body("error.details.error_class", equalTo("upstream_timeout"));

        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.status()).isEqualTo(504);
        assertThat(event.attempts()).allMatch(AttemptRecord::timedOut);
    }

    @Test
    void refusesRequestsWithoutTheInternalToken() {
        String id = newRequestId();
        int before = FakeUpstream.total();
        given().header("x-request-id", id)
                .contentType("application/json")
                .body(chat("plain", "sneaky").encode())
                .post(Calls.PATH)
                .then()
                .statusCode(401)
                .body("error.type", equalTo("unauthorized"));
        given().header("x-sb-internal-token", "wrong-" + RoutingTestResource.INTERNAL_TOKEN)
                .header("x-request-id", id)
                .header("x-sb-dialect", "openai-chat")
                .header("x-sb-group", "plain")
                .contentType("application/json")
                .body(chat("plain", "sneaky").encode())
                .post(Calls.PATH)
                .then()
                .statusCode(401)
                .body("error.type", equalTo("unauthorized"))
                .body(not(containsString(RoutingTestResource.INTERNAL_TOKEN)));

        UsageSink.sleep(300);
        assertThat(FakeUpstream.total()).isEqualTo(before);
        assertThat(UsageSink.messagesFor(connector, id)).as("never routed, never accounted").isEmpty();
    }

    @Test
    void neverLeaksPromptsAnswersKeysOrUpstreamBodies() throws Exception {
        String canary = "PROMPT-CANARY-" + newRequestId();
        String plain = newRequestId();
        String streamed = newRequestId();
        String failed = newRequestId();
        Calls.route(plain, chat("plain", canary)).then().statusCode(200).body(containsString(canary));
        Calls.route(streamed, chat("plain", canary).put("stream", true)).then().statusCode(200);
        Calls.route(failed, chat("badrequest", canary)).then().statusCode(502);
        UsageSink.await(connector, plain);
        UsageSink.await(connector, streamed);
        UsageSink.await(connector, failed);

        List<String> forbidden = List.of(canary, RoutingTestResource.PROVIDER_KEY, RoutingTestResource.INTERNAL_TOKEN,
                FakeUpstream.UPSTREAM_SECRET);
        for (Message<byte[]> message : UsageSink.messages(connector)) {
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            assertThat(forbidden).noneMatch(payload::contains);
        }
        Path log = Path.of("target", "routing-test.log");
        String logText = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(logText).as("the log captures these requests").contains(plain).contains(failed);
        assertThat(forbidden).noneMatch(logText::contains);

        String metrics = given().get("/q/metrics").asString();
        assertThat(forbidden).noneMatch(metrics::contains);
        assertThat(metrics).doesNotContain("team-a").doesNotContain("sbk_team-a");
    }

    @Test
    void reportsReadinessAndMetrics() {
        String id = newRequestId();
        Calls.route(id, chat("plain", "metrics please")).then().statusCode(200);
        UsageSink.await(connector, id);

        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'policy' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'policy' }.data.version", equalTo("routing-test"))
                .body("checks.find { it.name == 'backoff-store' }.data.redis", equalTo("reachable"));

        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("router_requests_total{")
                .contains("group=\"plain\"")
                .contains("router_latency_seconds_bucket")
                .contains("router_upstream_latency_seconds_bucket")
                .contains("billing_cost_total{")
                .contains("billing_tokens_total{")
                .contains("router_configured_weight{");
        assertThat(RestAssured.port).isPositive();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void runsOnTheNativeTransportOnLinux() {
        // epoll: fewer syscalls and wake-ups per request than NIO (docs/performance.md)
        assertThat(vertx.isNativeTransportEnabled()).as("Vert.x native transport").isTrue();
    }
}
