package dev.switchboard.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PolicySetResourceTest {

    private static final String TOKEN = "test-internal-token";

    private static String bootstrap() throws IOException {
        return Files.readString(Path.of("src/test/resources/bootstrap-policy.yaml"));
    }

    @Test
    void validatesAGoodSet() throws IOException {
        given().header("x-sb-internal-token", TOKEN).contentType("application/yaml")
                .body(bootstrap().getBytes(StandardCharsets.UTF_8))
                .post("/v1/policy-sets/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("version", equalTo("test-1"))
                .body("groups.name", contains("default", "fast"))
                .body("groups[0].targets", contains("sim/echo", "backup/small"))
                .body("callers", equalTo(1));
    }

    @Test
    void reportsViolationsWithPathsAndNoSecrets() throws IOException {
        String broken = bootstrap().replace("${SIM_API_KEY}", "sk-live-leaked").replace("provider: backup",
                "provider: nowhere");
        given().header("x-sb-internal-token", TOKEN).contentType("application/yaml")
                .body(broken.getBytes(StandardCharsets.UTF_8))
                .post("/v1/policy-sets/validate")
                .then().statusCode(422)
                .body("valid", equalTo(false))
                .body("violations.path", hasItem("providers.sim.api_key"))
                .body("violations.path", hasItem("models.default.targets[1].provider"))
                .body(not(containsString("sk-live-leaked")));
    }

    @Test
    void activeSetComesFromTheBootstrapFileWithoutTokenHashes() {
        given().header("x-sb-internal-token", TOKEN)
                .get("/v1/policy-sets/active")
                .then().statusCode(200)
                .body("version", equalTo("test-1"))
                .body("source", equalTo("bootstrap-file"))
                .body("fingerprint", matchesPattern("sha256:[0-9a-f]{16}"))
                .body(not(containsString("9f86d08")))
                .body(not(containsString("9F86D08")));
    }

    @Test
    void refusesCallsWithoutTheInternalToken() {
        given().header("X-Request-Id", "req-policy-1").get("/v1/policy-sets/active")
                .then().statusCode(401)
                .header("X-Request-Id", "req-policy-1")
                .body("error.type", equalTo("unauthorized"))
                .body("error.request_id", equalTo("req-policy-1"));
        given().header("x-sb-internal-token", "wrong").get("/v1/policy-sets/active").then().statusCode(401);
    }

    @Test
    void reportsReadinessAndVersion() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("policy"));
        given().get("/version").then().statusCode(200).body("name", equalTo("switchboard-policy"));
    }
}
