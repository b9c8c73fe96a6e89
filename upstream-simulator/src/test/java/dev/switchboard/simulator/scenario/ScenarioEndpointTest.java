package dev.switchboard.simulator.scenario;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.support.Sse;

@QuarkusTest
class ScenarioEndpointTest {

    private static final String PROMPT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]%s}";

    static ValidatableResponse post(String model, String extra) {
        return given().contentType(ContentType.JSON)
                .body(PROMPT.formatted(model, extra))
                .redirects()
                .follow(false)
                .post("/v1/chat/completions")
                .then();
    }

    @BeforeEach
    void reset() {
        given().post("/_sim/reset").then().statusCode(204);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}/{3}")
    @CsvSource(nullValues = "null", value = {
            "sim-fail-500, 500, server_error, null",
            "sim-fail-503, 503, server_error, null",
            "sim-quota-402, 402, insufficient_quota, insufficient_quota",
            "sim-quota-429, 429, insufficient_quota, insufficient_quota",
            "sim-bad-request-400, 400, invalid_request_error, null",
            "sim-unauthorized-401, 401, invalid_request_error, invalid_api_key",
            "sim-forbidden-403, 403, invalid_request_error, unsupported_country_region_territory",
            "sim-model-not-found-404, 404, invalid_request_error, model_not_found",
            "sim-status-502, 502, server_error, null",
            "sim-status-413, 413, invalid_request_error, null"})
    void failureScenariosAnswerWithOpenAiErrors(String scenario, int status, String type, String code) {
        post(scenario, "")
                .statusCode(status)
                .contentType(ContentType.JSON)
                .header("x-sim-scenario", scenario)
                .header("Retry-After", nullValue())
                .body("error.type", equalTo(type))
                .body("error.code", equalTo(code))
                .body("error.message", not(emptyOrNullString()));
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        post("sim-429", "")
                .statusCode(429)
                .header("Retry-After", "2")
                .body("error.type", equalTo("requests"))
                .body("error.code", equalTo("rate_limit_exceeded"));
    }

    @Test
    void failuresAreJsonEvenForStreamingRequests() {
        post("sim-fail-500", ",\"stream\":true").statusCode(500).contentType(ContentType.JSON)
                .body("error.type", equalTo("server_error"));
    }

    @Test
    void headerWinsOverModel() {
        given().contentType(ContentType.JSON)
                .header("x-sim-scenario", "sim-fail-503")
                .body(PROMPT.formatted("sim-echo", ""))
                .post("/v1/chat/completions")
                .then()
                .statusCode(503);
        given().contentType(ContentType.JSON)
                .header("x-sim-scenario", "sim-echo")
                .body(PROMPT.formatted("sim-fail-500", ""))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .body("model", equalTo("sim-fail-500"));
    }

    @Test
    void unknownScenarioHeaderIsRejected() {
        given().contentType(ContentType.JSON)
                .header("x-sim-scenario", "sim-does-not-exist")
                .body(PROMPT.formatted("gpt-4o", ""))
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.param", equalTo("x-sim-scenario"));
    }

    @Test
    void labelledModelPlaysTheScenarioAndIsCountedUnderItsOwnName() {
        post("sim-fail-500:primary", "").statusCode(500);
        post("sim-echo:secondary", "").statusCode(200).body("model", equalTo("sim-echo:secondary"));
        given().get("/_sim/stats")
                .then()
                .body("by_model.'sim-fail-500:primary'", equalTo(1))
                .body("by_model.'sim-echo:secondary'", equalTo(1))
                .body("by_scenario.sim-fail-500", equalTo(1));
    }

    @Test
    void flakyAlternatesFailureAndSuccess() {
        post("sim-flaky", "").statusCode(500);
        post("sim-flaky", "").statusCode(200).body("choices[0].message.content", equalTo("echo: ping"));
        post("sim-flaky", "").statusCode(500);
        post("sim-flaky", "").statusCode(200);
    }

    @Test
    void noUsageScenarioOmitsUsageEverywhere() {
        post("sim-no-usage", "").statusCode(200).body("usage", nullValue())
                .body("choices[0].message.content", equalTo("echo: ping"));
        String sse = post("sim-no-usage", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}")
                .statusCode(200)
                .extract()
                .asString();
        List<String> data = Sse.data(sse);
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        assertThat(data).noneMatch(d -> d.contains("\"prompt_tokens\""));
    }

    @Test
    void redirectIsNotAnAnswer() {
        post("sim-redirect-302", "").statusCode(302).header("Location", "https://simulator.invalid/v1/redirected");
    }

    @Test
    void malformedScenarioAnswers200WithBrokenJson() {
        String body = post("sim-malformed-200", "").statusCode(200).contentType(ContentType.JSON).extract().asString();
        assertThat(body).startsWith("{");
        assertThatJsonFails(body);
    }

    @Test
    void streamErrorSendsTwoChunksThenAnErrorAndNoDone() {
        String sse = post("sim-stream-error", ",\"stream\":true").statusCode(200).extract().asString();
        List<String> data = Sse.data(sse);
        assertThat(data).hasSize(3);
        assertThat(data.get(0)).contains("\"role\":\"assistant\"");
        assertThat(data.get(2)).contains("\"error\"").contains("server_error");
        assertThat(data).doesNotContain("[DONE]");
    }

    private static void assertThatJsonFails(String body) {
        try {
            Json.MAPPER.readTree(body);
        } catch (Exception expected) {
            return;
        }
        throw new AssertionError("expected malformed JSON: " + body);
    }
}
