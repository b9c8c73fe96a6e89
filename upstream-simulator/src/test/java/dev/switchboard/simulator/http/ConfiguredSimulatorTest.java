package dev.switchboard.simulator.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@TestProfile(ConfiguredSimulatorProfile.class)
class ConfiguredSimulatorTest {

    private static final String SECRET_PROMPT = "my-confidential-prompt-7731";
    private static final String PROMPT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + SECRET_PROMPT + "\"}]}";

    /** Without the configured latency, so that the key checks stay fast. */
    private static RequestSpecification fast() {
        return given().contentType(ContentType.JSON).header("x-sim-latency-ms", "0");
    }

    @Test
    void missingKeyIs401() {
        fast().body(PROMPT)
                .post("/v1/chat/completions")
                .then()
                .statusCode(401)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("invalid_api_key"));
        given().get("/_sim/stats").then().body("last_authorization_present", equalTo(false));
    }

    @Test
    void wrongKeyIs401AndNotEchoed() {
        fast().header("Authorization", "Bearer sk-wrong-key-0000")
                .body(PROMPT)
                .post("/v1/chat/completions")
                .then()
                .statusCode(401)
                .body("error.code", equalTo("invalid_api_key"))
                .body(not(containsString("sk-wrong-key-0000")))
                .body(not(containsString(ConfiguredSimulatorProfile.KEY)));
        fast().header("Authorization", "Basic " + ConfiguredSimulatorProfile.KEY)
                .body(PROMPT)
                .post("/v1/chat/completions")
                .then()
                .statusCode(401);
        given().get("/_sim/stats").then().body("last_authorization_present", equalTo(true));
    }

    @Test
    void rightKeyIsServed() {
        fast().header("Authorization", "Bearer " + ConfiguredSimulatorProfile.KEY)
                .body(PROMPT)
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .body("choices[0].message.content", equalTo("echo: " + SECRET_PROMPT));
    }

    private static final String MESSAGE = "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":"
            + "\"user\",\"content\":\"" + SECRET_PROMPT + "\"}]}";

    @Test
    void anthropicAcceptsTheKeyAsXApiKeyOrBearer() {
        fast().header("x-api-key", ConfiguredSimulatorProfile.KEY).body(MESSAGE).post("/v1/messages").then()
                .statusCode(200)
                .body("content[0].text", equalTo("echo: " + SECRET_PROMPT));
        fast().header("Authorization", "Bearer " + ConfiguredSimulatorProfile.KEY).body(MESSAGE)
                .post("/v1/messages").then()
                .statusCode(200);
        fast().header("x-api-key", ConfiguredSimulatorProfile.KEY).body(MESSAGE.replace(",\"max_tokens\":64", ""))
                .post("/v1/messages/count_tokens").then()
                .statusCode(200);
    }

    @Test
    void anthropicRefusesAWrongOrMissingKeyInItsOwnShape() {
        fast().header("x-api-key", "sk-ant-wrong-0000").body(MESSAGE).post("/v1/messages").then()
                .statusCode(401)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("authentication_error"))
                .body(not(containsString("sk-ant-wrong-0000")))
                .body(not(containsString(ConfiguredSimulatorProfile.KEY)));
        fast().body(MESSAGE).post("/v1/messages").then()
                .statusCode(401)
                .body("error.type", equalTo("authentication_error"));
        fast().body(MESSAGE.replace(",\"max_tokens\":64", "")).post("/v1/messages/count_tokens").then()
                .statusCode(401)
                .body("error.type", equalTo("authentication_error"));
    }

    @Test
    void responsesNeedTheBearerKey() {
        String request = "{\"model\":\"gpt-4.1\",\"input\":\"" + SECRET_PROMPT + "\"}";
        fast().body(request).post("/v1/responses").then()
                .statusCode(401)
                .body("error.code", equalTo("invalid_api_key"));
        fast().header("Authorization", "Bearer " + ConfiguredSimulatorProfile.KEY).body(request)
                .post("/v1/responses").then()
                .statusCode(200);
    }

    @Test
    void keyCheckComesBeforeTheScenario() {
        fast().header("x-sim-scenario", "sim-fail-500").body(PROMPT).post("/v1/chat/completions").then()
                .statusCode(401);
    }

    @Test
    void modelsNeedTheKeyToo() {
        given().get("/v1/models").then().statusCode(401);
        given().header("Authorization", "Bearer " + ConfiguredSimulatorProfile.KEY).get("/v1/models").then()
                .statusCode(200);
    }

    @Test
    void configuredLatencyAppliesAndTheHeaderOverridesIt() {
        long start = System.nanoTime();
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + ConfiguredSimulatorProfile.KEY)
                .body(PROMPT)
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        assertThat((System.nanoTime() - start) / 1_000_000)
                .isGreaterThanOrEqualTo(ConfiguredSimulatorProfile.LATENCY_MS);

        start = System.nanoTime();
        fast().header("Authorization", "Bearer " + ConfiguredSimulatorProfile.KEY)
                .body(PROMPT)
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(ConfiguredSimulatorProfile.LATENCY_MS);
    }

    @Test
    void logsNeverContainKeysOrPrompts() throws Exception {
        fast().header("Authorization", "Bearer " + ConfiguredSimulatorProfile.KEY)
                .body(PROMPT)
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        fast().header("Authorization", "Bearer sk-wrong-key-0000").body(PROMPT).post("/v1/chat/completions").then()
                .statusCode(401);
        fast().header("Authorization", "Bearer " + ConfiguredSimulatorProfile.KEY)
                .body("{\"model\":\"gpt-4o\",\"messages\":\"" + SECRET_PROMPT + "\"}")
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body(not(containsString(SECRET_PROMPT)));

        fast().header("x-api-key", ConfiguredSimulatorProfile.KEY).body(MESSAGE.replace("claude",
                "sim-echo-reasoning")).post("/v1/messages").then().statusCode(200);
        fast().header("x-api-key", ConfiguredSimulatorProfile.KEY)
                .body("{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":[{"
                        + "\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\""
                        + SECRET_PROMPT + "\"}}]}]}")
                .post("/v1/messages").then().statusCode(400).body(not(containsString(SECRET_PROMPT)));
        fast().header("x-api-key", ConfiguredSimulatorProfile.KEY).body("{\"model\":\"claude\",\"messages\":\""
                + SECRET_PROMPT + "\"}").post("/v1/messages").then().statusCode(400)
                .body(not(containsString(SECRET_PROMPT)));
        fast().header("Authorization", "Bearer " + ConfiguredSimulatorProfile.KEY).body("{\"model\":\"m\",\"input\":[{"
                + "\"role\":\"robot\",\"content\":\"" + SECRET_PROMPT + "\"}]}").post("/v1/responses").then()
                .statusCode(400).body(not(containsString(SECRET_PROMPT)));

        String log = Files.readString(Path.of(ConfiguredSimulatorProfile.LOG_FILE), StandardCharsets.UTF_8);
        assertThat(log).as("the file holds this run's log").contains("API key check on");
        assertThat(log).doesNotContain(ConfiguredSimulatorProfile.KEY)
                .doesNotContain("sk-wrong-key-0000")
                .doesNotContain(SECRET_PROMPT);
    }
}
