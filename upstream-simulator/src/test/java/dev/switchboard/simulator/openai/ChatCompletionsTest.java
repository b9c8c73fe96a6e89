package dev.switchboard.simulator.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.switchboard.model.dialect.TokenCounter;
import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.support.Sse;

@QuarkusTest
class ChatCompletionsTest {

    static String body(String model, String userText, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"be terse\"},"
                + "{\"role\":\"user\",\"content\":\"" + userText + "\"}]" + extra + "}";
    }

    @Test
    void nonStreamingAnswerEchoesWithDeterministicUsage() {
        int prompt = TokenCounter.count("be terse\nhello simulator\n");
        int completion = TokenCounter.count("echo: hello simulator");
        given().contentType(ContentType.JSON)
                .header("x-request-id", "req-shape-1")
                .body(body("gpt-4o-mini", "hello simulator", ""))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("x-request-id", "req-shape-1")
                .header("x-sim-scenario", "sim-echo")
                .body("id", matchesPattern("chatcmpl-sim-\\d+"))
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo("gpt-4o-mini"))
                .body("choices[0].index", equalTo(0))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", equalTo("echo: hello simulator"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.prompt_tokens", equalTo(prompt))
                .body("usage.completion_tokens", equalTo(completion))
                .body("usage.total_tokens", equalTo(prompt + completion));
    }

    @Test
    void sameRequestGivesSameAnswer() {
        String first = given().contentType(ContentType.JSON).body(body("m", "again", "")).post("/v1/chat/completions")
                .then().statusCode(200).extract().path("choices[0].message.content");
        String second = given().contentType(ContentType.JSON).body(body("m", "again", "")).post("/v1/chat/completions")
                .then().statusCode(200).extract().path("choices[0].message.content");
        assertThat(first).isEqualTo(second).isEqualTo("echo: again");
    }

    @Test
    void pathWithoutV1IsAccepted() {
        given().contentType(ContentType.JSON)
                .body(body("gpt-4o", "bare", ""))
                .post("/chat/completions")
                .then()
                .statusCode(200)
                .body("choices[0].message.content", equalTo("echo: bare"));
    }

    @Test
    void streamSendsRoleContentFinishUsageAndDone() throws Exception {
        String sse = given().contentType(ContentType.JSON)
                .body(body("gpt-4o", "one two three four five",
                        ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .extract()
                .asString();
        List<String> data = Sse.data(sse);
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(ChatCompletionsTest::parse).toList();

        String id = chunks.get(0).path("id").asText();
        assertThat(id).startsWith("chatcmpl-sim-");
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.path("id").asText()).isEqualTo(id);
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.path("model").asText()).isEqualTo("gpt-4o");
        });
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");

        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.at("/usage/prompt_tokens").asInt())
                .isEqualTo(TokenCounter.count("be terse\none two three four five\n"));
        assertThat(usage.at("/usage/completion_tokens").asInt())
                .isEqualTo(TokenCounter.count("echo: one two three four five"));

        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");

        List<JsonNode> content = chunks.subList(1, chunks.size() - 2);
        assertThat(content).hasSizeGreaterThanOrEqualTo(4);
        StringBuilder text = new StringBuilder();
        content.forEach(c -> {
            assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue();
            text.append(c.at("/choices/0/delta/content").asText());
        });
        assertThat(text.toString()).isEqualTo("echo: one two three four five");
    }

    @Test
    void streamWithoutIncludeUsageEndsWithFinishThenDone() {
        String sse = given().contentType(ContentType.JSON)
                .body(body("gpt-4o", "hi", ",\"stream\":true"))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> data = Sse.data(sse);
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        assertThat(data).noneMatch(d -> d.contains("\"usage\""));
        JsonNode last = parse(data.get(data.size() - 2));
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(data).as("role chunk, >= 4 content chunks, finish, [DONE]").hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void invalidJsonIsA400WithOpenAiErrorBody() {
        given().contentType(ContentType.JSON)
                .body("{\"model\": \"gpt-4o\", \"messages\": [")
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", startsWith("We could not parse the JSON body"))
                .body("error.param", nullValue())
                .body("error.code", nullValue());
    }

    @Test
    void emptyBodyAndInvalidShapesAre400() {
        given().contentType(ContentType.JSON).post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));
        given().contentType(ContentType.JSON).body("{\"model\":\"gpt-4o\"}").post("/v1/chat/completions").then()
                .statusCode(400).body("error.param", equalTo("messages"));
        given().contentType(ContentType.JSON).body("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("model"));
    }

    @Test
    void unknownApiPathIsA404InOpenAiShape() {
        given().get("/v1/nothing-here")
                .then()
                .statusCode(404)
                .body("error.code", equalTo("unknown_url"))
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void modelsListTheScenarios() {
        given().get("/v1/models")
                .then()
                .statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItems("sim-echo", "sim-429", "sim-hang", "sim-stream-cut"));
    }

    @Test
    void readinessIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
