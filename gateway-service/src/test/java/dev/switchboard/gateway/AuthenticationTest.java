package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.switchboard.gateway.usage.EdgeUsageEvents;
import dev.switchboard.model.usage.UsageEvent;

@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class AuthenticationTest {

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
    void missingTokenIsUnauthorizedAndRecorded() {
        Response response = given().contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{32}"))
                .body("error.type", equalTo("unauthorized"))
                .body("error.code", equalTo("unauthorized"))
                .body("error.details.reason", equalTo("missing"))
                .extract()
                .response();
        String requestId = response.header("X-Request-Id");
        assertThat(response.jsonPath().getString("error.request_id")).isEqualTo(requestId);
        assertThat(response.jsonPath().getString("error.details.request_id")).isEqualTo(requestId);

        UsageEvent event = usage.awaitOne(requestId);
        assertThat(event.source()).isEqualTo("gateway");
        assertThat(event.status()).isEqualTo(401);
        assertThat(event.errorType()).isEqualTo("unauthorized");
        assertThat(event.callerId()).isNull();
        assertThat(event.inboundDialect()).isEqualTo("openai-chat");
        assertThat(event.totalTokens()).isZero();
        assertThat(backends.routeCalls).isEmpty();
    }

    @Test
    void unknownTokenIsUnauthorized() {
        String requestId = given().auth()
                .oauth2("sbk_nobody_not-a-real-token")
                .contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.type", equalTo("unauthorized"))
                .body("error.details.reason", equalTo("unknown"))
                .extract()
                .header("X-Request-Id");
        assertThat(usage.awaitOne(requestId).status()).isEqualTo(401);
        assertThat(backends.routeCalls).isEmpty();
    }

    @Test
    void nonBearerAuthorizationIsUnauthorized() {
        given().header("Authorization", "Basic " + Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(401)
                .body("error.details.reason", equalTo("malformed"));
    }

    @Test
    void bearerAndApiKeyBothAuthenticate() {
        given().header("Authorization", "Bearer " + Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        given().header("Authorization", "bearer   " + Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        given().header("x-api-key", Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        assertThat(backends.routeCalls).hasSize(3)
                .allSatisfy(call -> assertThat(call.header("x-sb-caller-id")).isEqualTo("alice"));
    }

    @ParameterizedTest
    @CsvSource({"disabled,key-disabled", "suspended,key-suspended", "expired,key-expired", "rotated,key-rotated"})
    void inactiveKeysAreRefusedWithTheirStatus(String caller, String type) {
        String requestId = given().auth()
                .oauth2(Tokens.of(caller))
                .contentType(ContentType.JSON)
                .body(Bodies.chat("alpha"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(403)
                .body("error.type", equalTo(type))
                .body("error.details.router_key_state", equalTo(caller))
                .extract()
                .header("X-Request-Id");
        UsageEvent event = usage.awaitOne(requestId);
        assertThat(event.status()).isEqualTo(403);
        assertThat(event.errorType()).isEqualTo(type);
        assertThat(event.callerId()).isEqualTo(caller);
        assertThat(event.tokenId()).isEqualTo("sbk_" + caller);
        assertThat(backends.routeCalls).isEmpty();
    }

    @Test
    void modelsAndUsageNeedATokenButProduceNoUsageEvents() {
        String models = given().get("/v1/models")
                .then()
                .statusCode(401)
                .body("error.type", equalTo("unauthorized"))
                .extract()
                .header("X-Request-Id");
        String usageQuery = given().get("/v1/usage")
                .then()
                .statusCode(401)
                .body("error.type", equalTo("unauthorized"))
                .extract()
                .header("X-Request-Id");
        given().auth().oauth2(Tokens.of("disabled")).get("/v1/models").then().statusCode(403).body("error.type",
                equalTo("key-disabled"));
        usage.assertNoneFor(models);
        usage.assertNoneFor(usageQuery);
        assertThat(backends.usageCalls).isEmpty();
    }
}
