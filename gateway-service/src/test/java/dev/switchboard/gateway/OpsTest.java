package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

@QuarkusTest
@WithTestResource(GatewayTestResources.class)
class OpsTest {

    @Inject
    Vertx vertx;

    @GatewayTestResources.Backends
    FakeBackends backends;

    @BeforeEach
    void setUp() {
        backends.reset();
    }

    @Test
    void healthzIsAliveWithoutAToken() {
        given().get("/healthz")
                .then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{32}"))
                .body("status", equalTo("alive"));
    }

    @Test
    void readyzReportsPolicyAndChecks() {
        String body = given().get("/readyz")
                .then()
                .statusCode(200)
                .header("X-Request-Id", notNullValue())
                .header("Cache-Control", "no-store")
                .body("status", equalTo("ready"))
                .body("policy.version", equalTo("gw-test-1"))
                .body("policy.fingerprint", startsWith("sha256:"))
                .body("policy.groups", equalTo(7))
                .body("policy.callers", equalTo(11))
                .body("checks.routing", equalTo("up"))
                .body("checks.redis", equalTo("up"))
                .body("checks.kafka", equalTo("up"))
                .extract()
                .asString();
        assertThat(body).doesNotContain(GatewayTestResources.INTERNAL_TOKEN)
                .doesNotContain(Tokens.hashOf("alice"))
                .doesNotContain(backends.url());
    }

    @Test
    void readyzIsNotReadyWhileRoutingIsNot() {
        backends.routingReady = false;
        given().get("/readyz")
                .then()
                .statusCode(503)
                .body("status", equalTo("not-ready"))
                .body("checks.routing", equalTo("down"))
                .body("policy.version", equalTo("gw-test-1"));
        backends.routingReady = true;
        given().get("/readyz").then().statusCode(200).body("status", equalTo("ready"));
    }

    @Test
    void versionDescribesTheBuild() {
        given().get("/version")
                .then()
                .statusCode(200)
                .body("name", equalTo("switchboard-gateway"))
                // from this module's git.properties, written by the build
                .body("version", equalTo("0.1.0-SNAPSHOT"))
                .body("commit", matchesPattern("[0-9a-f]{40}"))
                .body("build_time", notNullValue())
                .body("java_version", equalTo(System.getProperty("java.version")))
                .body("os", equalTo(System.getProperty("os.name")))
                .body("arch", equalTo(System.getProperty("os.arch")))
                .body("policy_version", equalTo("gw-test-1"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void runsOnTheNativeTransportOnLinux() {
        // epoll: fewer syscalls and wake-ups per request than NIO (docs/performance.md)
        assertThat(vertx.isNativeTransportEnabled()).as("Vert.x native transport").isTrue();
    }
}
