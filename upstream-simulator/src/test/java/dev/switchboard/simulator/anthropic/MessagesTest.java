package dev.switchboard.simulator.anthropic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.StreamEvent;
import dev.switchboard.model.codec.Codecs;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.RequestFacts;
import dev.switchboard.model.dialect.TokenCounter;
import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.support.Decoded;
import dev.switchboard.simulator.support.EventNames;
import dev.switchboard.simulator.support.Sse;

@QuarkusTest
class MessagesTest {

    private static final Dialect MESSAGES = Dialect.ANTHROPIC_MESSAGES;

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).header("anthropic-version", "2023-06-01").body(body).post(path)
                .then();
    }

    private static String simple(String model, String text, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":1024,\"system\":\"be brief\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"" + text + "\"}]" + extra + "}";
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private static int gatewayEstimate(String body) throws Exception {
        return RequestFacts.countInputTokens(Codecs.of(MESSAGES).decodeRequest((ObjectNode) json(body)));
    }

    @Test
    void systemTurnsInsideTheConversationAreAcceptedAndOtherRolesRefused() {
        post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"first\"},{\"role\":\"system\",\"content\":\"remember\"},{\"role\":\"user\",\"content\":\"again\"}]}")
                .statusCode(200)
                .body("content[0].text", equalTo("echo: again"));
        post("/v1/messages",
                "{\"model\":\"m\",\"max_tokens\":64,\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}")
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void nonStreamingAnswerIsAMessage() throws Exception {
        String request = simple("claude-sonnet-4-5", "hello claude", "");
        String body = post("/v1/messages", request)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("x-sim-scenario", "sim-echo")
                .body("id", matchesPattern("msg_sim_\\d+"))
                .body("type", equalTo("message"))
                .body("role", equalTo("assistant"))
                .body("model", equalTo("claude-sonnet-4-5"))
                .body("content.size()", equalTo(1))
                .body("content[0].type", equalTo("text"))
                .body("content[0].text", equalTo("echo: hello claude"))
                .body("stop_reason", equalTo("end_turn"))
                .body("usage.input_tokens", equalTo(TokenCounter.count("be brief\nhello claude\n")))
                .body("usage.output_tokens", equalTo(TokenCounter.count("echo: hello claude")))
                .extract().asString();
        assertThat(json(body).at("/usage/input_tokens").asInt()).isEqualTo(gatewayEstimate(request));
        CanonicalResponse decoded = Decoded.response(MESSAGES, body);
        assertThat(decoded.text()).isEqualTo("echo: hello claude");
        assertThat(decoded.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void pathsWithoutV1AndQueryStringsAreAccepted() {
        post("/v1/messages?beta=true", simple("claude", "q", "")).statusCode(200)
                .body("content[0].text", equalTo("echo: q"));
        post("/messages", simple("claude", "bare", "")).statusCode(200)
                .body("content[0].text", equalTo("echo: bare"));
    }

    @Test
    void streamSendsTheRealEventSequence() throws Exception {
        String sse = post("/v1/messages", simple("claude", "one two three four", ",\"stream\":true"))
                .statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .extract().asString();
        List<Sse.Event> events = Sse.events(sse);
        List<String> names = events.stream().map(Sse.Event::event).toList();
        int deltas = EventNames.count(names, "content_block_delta");
        assertThat(deltas).isGreaterThanOrEqualTo(4);
        assertThat(names).containsExactlyElementsOf(EventNames.sequence(
                List.of("message_start", "content_block_start", "ping"), "content_block_delta", deltas,
                List.of("content_block_stop", "message_delta", "message_stop")));
        for (Sse.Event event : events) {
            assertThat(json(event.data()).path("type").asText()).isEqualTo(event.event());
        }
        JsonNode start = json(events.get(0).data()).path("message");
        assertThat(start.path("id").asText()).startsWith("msg_sim_");
        assertThat(start.path("content")).isEmpty();
        assertThat(start.at("/usage/input_tokens").asInt())
                .isEqualTo(TokenCounter.count("be brief\none two three four\n"));
        assertThat(json(events.get(1).data()).at("/content_block/type").asText()).isEqualTo("text");
        JsonNode messageDelta = json(events.get(events.size() - 2).data());
        assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(messageDelta.at("/usage/output_tokens").asInt())
                .isEqualTo(TokenCounter.count("echo: one two three four"));

        List<StreamEvent> decoded = Decoded.stream(MESSAGES, sse);
        assertThat(Decoded.text(decoded)).isEqualTo("echo: one two three four");
        assertThat(Decoded.messageDelta(decoded).stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void scriptedToolUseThenDone() throws Exception {
        String prompt = "<system-reminder>Claude Code context</system-reminder>\\n"
                + "[[sim:tool Read {\\\"file_path\\\":\\\"/tmp/a.txt\\\"}]]";
        String first = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32000,\"system\":[{\"type\":\"text\","
                + "\"text\":\"You are Claude Code\"}],\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":"
                + "\"object\"}}],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\""
                + prompt + "\"}]}]";
        String body = post("/v1/messages", first + "}")
                .statusCode(200)
                .body("stop_reason", equalTo("tool_use"))
                .body("content[0].type", equalTo("tool_use"))
                .body("content[0].name", equalTo("Read"))
                .body("content[0].input.file_path", equalTo("/tmp/a.txt"))
                .body("content[0].id", matchesPattern("toolu_sim_[0-9a-f]{16}"))
                .extract().asString();
        String toolUseId = json(body).at("/content/0/id").asText();
        assertThat(Decoded.response(MESSAGES, body).output()).singleElement()
                .isInstanceOfSatisfying(ContentPart.ToolCall.class, call -> {
                    assertThat(call.name()).isEqualTo("Read");
                    assertThat(call.arguments().json()).isEqualTo("{\"file_path\":\"/tmp/a.txt\"}");
                });

        String again = post("/v1/messages", first + "}").statusCode(200).extract().path("content[0].id");
        assertThat(again).as("ids are derived from the request content").isEqualTo(toolUseId);

        String followUp = first.substring(0, first.length() - 1) + ",{\"role\":\"assistant\",\"content\":[{\"type\":"
                + "\"tool_use\",\"id\":\"" + toolUseId
                + "\",\"name\":\"Read\",\"input\":{\"file_path\":\"/tmp/a.txt\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + toolUseId
                + "\",\"content\":\"file body\"},{\"type\":\"text\",\"text\":\"<system-reminder>x</system-reminder>\"}]}]";
        post("/v1/messages", followUp + "}")
                .statusCode(200)
                .body("stop_reason", equalTo("end_turn"))
                .body("content[0].text", equalTo("done: Read"));

        String sse = post("/v1/messages", first + ",\"stream\":true}").statusCode(200).extract().asString();
        List<String> names = Sse.names(sse);
        assertThat(names).containsExactlyElementsOf(EventNames.sequence(
                List.of("message_start", "content_block_start", "ping"), "content_block_delta", 4,
                List.of("content_block_stop", "message_delta", "message_stop")));
        JsonNode blockStart = json(Sse.events(sse).get(1).data()).path("content_block");
        assertThat(blockStart.path("type").asText()).isEqualTo("tool_use");
        assertThat(blockStart.path("id").asText()).isEqualTo(toolUseId);
        assertThat(blockStart.path("input")).isEmpty();
        List<StreamEvent> decoded = Decoded.stream(MESSAGES, sse);
        assertThat(Decoded.arguments(decoded)).isEqualTo("{\"file_path\":\"/tmp/a.txt\"}");
        assertThat(Decoded.messageDelta(decoded).stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void twoDirectivesAreCalledInTurn() throws Exception {
        String user = "{\"role\":\"user\",\"content\":\"[[sim:tool a {\\\"n\\\":1}]] then [[sim:tool b]]\"}";
        String request = "{\"model\":\"claude\",\"max_tokens\":100,\"messages\":[" + user;
        List<String> names = new ArrayList<>();
        StringBuilder history = new StringBuilder(request);
        for (int turn = 0; turn < 2; turn++) {
            JsonNode answer = json(post("/v1/messages", history + "]}").statusCode(200).extract().asString());
            assertThat(answer.path("stop_reason").asText()).isEqualTo("tool_use");
            JsonNode block = answer.at("/content/0");
            names.add(block.path("name").asText());
            history.append(",{\"role\":\"assistant\",\"content\":[").append(block).append("]}")
                    .append(",{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"")
                    .append(block.path("id").asText()).append("\",\"content\":\"ok\"}]}");
        }
        assertThat(names).containsExactly("a", "b");
        post("/v1/messages", history + "]}").statusCode(200).body("content[0].text", equalTo("done: a, b"));
    }

    @Test
    void reasoningModelsThinkWithASignature() throws Exception {
        String body = post("/v1/messages", simple("sim-echo-reasoning", "ponder", "")).statusCode(200)
                .body("content.size()", equalTo(2))
                .body("content[0].type", equalTo("thinking"))
                .body("content[1].text", equalTo("echo: ponder"))
                .extract().asString();
        JsonNode thinking = json(body).at("/content/0");
        assertThat(thinking.path("signature").asText()).isNotBlank();
        String again = post("/v1/messages", simple("sim-echo-reasoning", "ponder", "")).extract()
                .path("content[0].signature");
        assertThat(again).isEqualTo(thinking.path("signature").asText());
        assertThat(json(body).at("/usage/output_tokens").asInt()).isEqualTo(
                TokenCounter.count(thinking.path("thinking").asText()) + TokenCounter.count("echo: ponder"));

        String sse = post("/v1/messages", simple("sim-echo-reasoning", "ponder", ",\"stream\":true"))
                .statusCode(200).extract().asString();
        List<Sse.Event> events = Sse.events(sse);
        assertThat(events.subList(0, 3)).extracting(Sse.Event::event)
                .containsExactly("message_start", "content_block_start", "ping");
        assertThat(json(events.get(1).data()).at("/content_block/type").asText()).isEqualTo("thinking");
        List<String> deltaTypes = events.stream().filter(e -> e.event().equals("content_block_delta"))
                .map(e -> {
                    try {
                        return json(e.data()).at("/delta/type").asText();
                    } catch (Exception ex) {
                        throw new AssertionError(ex);
                    }
                }).distinct().toList();
        assertThat(deltaTypes).containsExactly("thinking_delta", "signature_delta", "text_delta");
        List<StreamEvent> decoded = Decoded.stream(MESSAGES, sse);
        assertThat(Decoded.thinking(decoded)).isEqualTo(thinking.path("thinking").asText());
        assertThat(Decoded.first(decoded, StreamEvent.ThinkingSignature.class).signature())
                .isEqualTo(thinking.path("signature").asText());
        assertThat(Decoded.text(decoded)).isEqualTo("echo: ponder");
    }

    @Test
    void imagesNeedAVisionModelIncludingInsideToolResults() {
        String image = "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"AAAA\"}}";
        String request = "{\"model\":\"%s\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":["
                + image + ",{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":[" + image + "]},"
                + "{\"type\":\"text\",\"text\":\"see\"}]}]}";
        post("/v1/messages", request.formatted("sim-echo-vision")).statusCode(200)
                .body("content[0].text", equalTo("echo: see [images: 2]"));
        post("/v1/messages", request.formatted("claude-haiku")).statusCode(400)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("image input not supported by this model"));
    }

    @Test
    void outputCapStopsWithMaxTokens() {
        post("/v1/messages", "{\"model\":\"claude\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"a b c d e f\"}]}")
                .statusCode(200)
                .body("stop_reason", equalTo("max_tokens"))
                .body("usage.output_tokens", equalTo(2));
    }

    @Test
    void errorsUseAnthropicTypesAndStatuses() {
        assertError(simple("sim-429", "x", ""), 429, "rate_limit_error").header("retry-after", "2");
        assertError(simple("sim-status-529", "x", ""), 529, "overloaded_error");
        assertError(simple("sim-fail-503", "x", ""), 503, "overloaded_error");
        assertError(simple("sim-fail-500", "x", ""), 500, "api_error");
        assertError(simple("sim-bad-request-400", "x", ""), 400, "invalid_request_error");
        assertError(simple("sim-unauthorized-401", "x", ""), 401, "authentication_error");
        assertError(simple("sim-forbidden-403", "x", ""), 403, "permission_error");
        assertError(simple("sim-model-not-found-404", "x", ""), 404, "not_found_error");
        assertError(simple("sim-status-413", "x", ""), 413, "request_too_large");
        assertError("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400,
                "invalid_request_error").body("error.message", equalTo("max_tokens: Field required"));
        assertError("{\"model\":\"claude\",\"max_tokens\":5,\"messages\":[]}", 400, "invalid_request_error");
        assertError("not json", 400, "invalid_request_error");
        given().contentType(ContentType.JSON).body("{}").post("/v1/messages/batches").then()
                .statusCode(404).body("type", equalTo("error")).body("error.type", equalTo("not_found_error"));
    }

    private static ValidatableResponse assertError(String body, int status, String type) {
        return post("/v1/messages", body)
                .statusCode(status)
                .contentType(ContentType.JSON)
                .body("type", equalTo("error"))
                .body("error.type", equalTo(type))
                .body("error.message", matchesPattern(".+"));
    }

    @Test
    void streamErrorIsAnInBandErrorEvent() throws Exception {
        String sse = post("/v1/messages", simple("sim-stream-error", "a b c d", ",\"stream\":true"))
                .statusCode(200).extract().asString();
        List<Sse.Event> events = Sse.events(sse);
        assertThat(events).extracting(Sse.Event::event).containsExactly("message_start", "content_block_start",
                "ping", "content_block_delta", "error");
        JsonNode error = json(events.get(4).data());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo("api_error");
    }

    @Test
    void countTokensMatchesTheInputTokensOfTheAnswer() throws Exception {
        String request = simple("claude", "count these words", "");
        int counted = given().contentType(ContentType.JSON).body(request.replace(",\"max_tokens\":1024", ""))
                .post("/v1/messages/count_tokens?beta=true")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract().path("input_tokens");
        assertThat(counted).isEqualTo(TokenCounter.count("be brief\ncount these words\n"))
                .isEqualTo(gatewayEstimate(request));
        post("/v1/messages", request).statusCode(200).body("usage.input_tokens", equalTo(counted));
        given().contentType(ContentType.JSON).body("{\"model\":\"claude\"}").post("/v1/messages/count_tokens")
                .then().statusCode(400).body("error.type", equalTo("invalid_request_error"));
    }
}
