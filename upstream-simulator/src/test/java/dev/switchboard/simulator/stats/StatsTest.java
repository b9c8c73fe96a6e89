package dev.switchboard.simulator.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class StatsTest {

    private static final String PROMPT = "{\"model\":\"%s\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}";

    @BeforeEach
    void reset() {
        given().post("/_sim/reset").then().statusCode(204);
    }

    private static void chat(String model, String requestId, int status) {
        given().contentType(ContentType.JSON)
                .header("x-request-id", requestId)
                .body(PROMPT.formatted(model))
                .post("/v1/chat/completions")
                .then()
                .statusCode(status);
    }

    @Test
    void resetZeroesEverything() {
        chat("gpt-4o", "req-before-reset", 200);
        given().post("/_sim/reset").then().statusCode(204);
        given().get("/_sim/stats")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("requests_total", equalTo(0))
                .body("by_model", aMapWithSize(0))
                .body("by_scenario", aMapWithSize(0))
                .body("last_request_id", nullValue())
                .body("last_authorization_present", equalTo(false))
                .body("cancelled_total", equalTo(0));
    }

    @Test
    void countsEveryApiRequestIncludingFailures() {
        chat("gpt-4o", "req-a", 200);
        chat("gpt-4o", "req-b", 200);
        chat("sim-fail-500", "req-c", 500);
        chat("sim-429", "req-d", 429);
        given().contentType(ContentType.JSON).body("not json").post("/v1/chat/completions").then().statusCode(400);
        given().get("/v1/unknown").then().statusCode(404);
        given().header("x-request-id", "req-last").header("Authorization", "Bearer anything")
                .get("/v1/models").then().statusCode(200);

        given().get("/_sim/stats")
                .then()
                .body("requests_total", equalTo(7))
                .body("by_model.gpt-4o", equalTo(2))
                .body("by_model.sim-fail-500", equalTo(1))
                .body("by_model.sim-429", equalTo(1))
                .body("by_model", aMapWithSize(3))
                .body("by_scenario.sim-echo", equalTo(2))
                .body("by_scenario.sim-fail-500", equalTo(1))
                .body("by_scenario.sim-429", equalTo(1))
                .body("last_request_id", equalTo("req-last"))
                .body("last_authorization_present", equalTo(true))
                .body("in_flight", equalTo(0));
    }

    @Test
    void recordsTheLastRequestIdAndWhetherACredentialWasSent() {
        given().contentType(ContentType.JSON)
                .header("x-request-id", "req_0123456789abcdef0123456789abcdef")
                .header("Authorization", "Bearer sk-sim")
                .body(PROMPT.formatted("gpt-4o"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("x-request-id", "req_0123456789abcdef0123456789abcdef");
        given().get("/_sim/stats")
                .then()
                .body("last_request_id", equalTo("req_0123456789abcdef0123456789abcdef"))
                .body("last_authorization_present", equalTo(true));

        given().contentType(ContentType.JSON).body(PROMPT.formatted("gpt-4o")).post("/v1/chat/completions").then()
                .statusCode(200);
        given().get("/_sim/stats")
                .then()
                .body("last_request_id", nullValue())
                .body("last_authorization_present", equalTo(false));
    }

    @Test
    void recordsPathsDialectsAnthropicHeadersAndImages() {
        chat("gpt-4o", "req-chat", 200);
        given().contentType(ContentType.JSON).body("{\"model\":\"m\",\"input\":\"x\"}").post("/responses").then()
                .statusCode(200);
        given().get("/_sim/stats").then()
                .body("last_dialect", equalTo("openai-responses"))
                .body("last_anthropic_version", nullValue());

        given().contentType(ContentType.JSON)
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14")
                .body("{\"model\":\"sim-echo-vision\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\","
                        + "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":"
                        + "\"https://example.invalid/a.png\"}},{\"type\":\"text\",\"text\":\"hi\"}]}]}")
                .post("/v1/messages?beta=true")
                .then()
                .statusCode(200);
        given().get("/_sim/stats").then()
                .body("by_path", aMapWithSize(3))
                .body("by_path.'/v1/chat/completions'", equalTo(1))
                .body("by_path.'/responses'", equalTo(1))
                .body("by_path.'/v1/messages'", equalTo(1))
                .body("last_dialect", equalTo("anthropic-messages"))
                .body("last_anthropic_version", equalTo("2023-06-01"))
                .body("last_anthropic_beta",
                        equalTo("interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14"))
                .body("images_total", equalTo(1));

        given().contentType(ContentType.JSON).body("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}").post("/v1/messages/count_tokens").then().statusCode(200);
        given().get("/_sim/stats").then()
                .body("by_path.'/v1/messages/count_tokens'", equalTo(1))
                .body("last_dialect", equalTo("anthropic-messages"))
                .body("last_anthropic_version", nullValue())
                .body("requests_total", equalTo(4))
                .body("by_model", aMapWithSize(3));

        given().post("/_sim/reset").then().statusCode(204);
        given().get("/_sim/stats").then()
                .body("by_path", aMapWithSize(0))
                .body("last_dialect", nullValue())
                .body("last_anthropic_beta", nullValue())
                .body("images_total", equalTo(0));
    }

    @Test
    void statsEndpointsAreNotCounted() {
        given().get("/_sim/stats").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/_sim/stats").then().body("requests_total", equalTo(0));
    }
}
