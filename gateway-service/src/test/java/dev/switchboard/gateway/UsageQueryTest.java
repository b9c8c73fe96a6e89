package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class UsageQueryTest {

    @GatewayTestResources.Backends
    FakeBackends backends;

    @BeforeEach
    void setUp() {
        backends.reset();
    }

    @Test
    void forwardsTheTokensIdentityAndIgnoresCallerIdInTheQuery() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .header("X-Request-Id", "usage-1")
                .urlEncodingEnabled(false)
                .get("/v1/usage?from=2025-01-01T00:00:00Z&caller_id=star&CALLER%5Fid=star&to=2025-02-01T00:00:00Z")
                .then()
                .statusCode(200)
                .header("X-Request-Id", "usage-1")
                .header("Cache-Control", "no-store")
                .header("x-not-relayed", nullValue())
                .body("caller_id", equalTo("alice"))
                .body("requests", equalTo(42));

        assertThat(backends.usageCalls).hasSize(1);
        FakeBackends.Received call = backends.usageCalls.peek();
        assertThat(call.path()).isEqualTo("/internal/v1/usage");
        assertThat(call.query()).isEqualTo("from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z");
        assertThat(call.header("x-sb-caller-id")).isEqualTo("alice");
        assertThat(call.header("x-sb-caller-project")).isEqualTo("checkout");
        assertThat(call.header("x-sb-token-id")).isEqualTo("sbk_alice");
        assertThat(call.header("x-sb-internal-token")).isEqualTo(GatewayTestResources.INTERNAL_TOKEN);
        assertThat(call.header("x-request-id")).isEqualTo("usage-1");
        assertThat(call.headers()).doesNotContainKeys("authorization", "x-api-key");
        assertThat(call.headers().toString().toLowerCase()).doesNotContain(Tokens.hashOf("alice"));
        assertThat(backends.routeCalls).isEmpty();
    }

    @Test
    void unreachableReportsIsServiceUnavailable() {
        backends.stop();
        try {
            given().auth()
                    .oauth2(Tokens.of("alice"))
                    .get("/v1/usage")
                    .then()
                    .statusCode(503)
                    .body("error.type", equalTo("service-unavailable"))
                    .body("error.details.reason", equalTo("reports-unreachable"));
        } finally {
            backends.restart();
        }
    }
}
