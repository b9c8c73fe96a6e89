package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.switchboard.gateway.usage.EdgeUsageEvents;
import dev.switchboard.model.usage.UsageEvent;

/** Redis unreachable, default failure mode: limited callers get 503, callers without limits are unaffected. */
@QuarkusTest
@TestProfile(RedisDownFailClosedTest.RedisDown.class)
@WithTestResource(GatewayTestResources.class)
class RedisDownFailClosedTest {

    public static class RedisDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // nothing listens on port 1: every connection is refused at once
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "switchboard.limits.redis-failure-mode",
                    "closed");
        }
    }

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
    void limitedCallersAreRefusedAndOthersServed() {
        String requestId = given().auth()
                .oauth2(Tokens.of("rpm"))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(503)
                .header("Retry-After", "1")
                .body("error.type", equalTo("service-unavailable"))
                .body("error.details.reason", equalTo("limits-store-unavailable"))
                .extract()
                .header("X-Request-Id");
        UsageEvent event = usage.awaitOne(requestId);
        assertThat(event.status()).isEqualTo(503);
        assertThat(event.callerId()).isEqualTo("rpm");
        assertThat(backends.routeCalls).isEmpty();

        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        assertThat(backends.routeCalls).hasSize(1);
    }

    @Test
    void anthropicCallersGetTheRefusalInTheirEnvelope() {
        var response = given().header("x-api-key", Tokens.of("rpm"))
                .contentType(ContentType.JSON)
                .body(Bodies.messages("alpha"))
                .post("/v1/messages");
        var body = Envelopes.assertAnthropic(response, 503, "service-unavailable");
        assertThat(body.getString("error.details.reason")).isEqualTo("limits-store-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(usage.awaitOne(response.header("X-Request-Id")).inboundDialect()).isEqualTo("anthropic-messages");
        assertThat(backends.routeCalls).isEmpty();
    }

    @Test
    void readinessFailsWhileLimitsCannotBeEnforced() {
        given().get("/readyz")
                .then()
                .statusCode(503)
                .body("status", equalTo("not-ready"))
                .body("checks.redis", equalTo("down"))
                .body("checks.routing", equalTo("up"));
    }
}
