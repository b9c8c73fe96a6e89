package dev.switchboard.simulator.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.StreamEvent;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.TokenCounter;
import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.support.Decoded;
import dev.switchboard.simulator.support.Sse;

/** Chat Completions with scripted tool calls, images and reasoning. */
@QuarkusTest
class ChatScriptsTest {

    private static final Dialect CHAT = Dialect.OPENAI_CHAT;
    private static final String USER = "{\"role\":\"user\",\"content\":\"please [[sim:tool get_weather "
            + "{\\\"city\\\":\\\"Oslo\\\"}]] thanks\"}";

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions").then();
    }

    @Test
    void scriptedToolCallThenDone() throws Exception {
        String first = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"huge system "
                + "prompt [[sim:tool not_me]]\"}," + USER + "]";
        String body = post(first + "}")
                .statusCode(200)
                .body("choices[0].finish_reason", equalTo("tool_calls"))
                .body("choices[0].message.content", nullValue())
                .body("choices[0].message.tool_calls.size()", equalTo(1))
                .body("choices[0].message.tool_calls[0].type", equalTo("function"))
                .body("choices[0].message.tool_calls[0].id", matchesPattern("call_sim_[0-9a-f]{16}"))
                .body("choices[0].message.tool_calls[0].function.name", equalTo("get_weather"))
                .body("choices[0].message.tool_calls[0].function.arguments", equalTo("{\"city\":\"Oslo\"}"))
                .extract().asString();
        JsonNode call = Json.MAPPER.readTree(body).at("/choices/0/message/tool_calls/0");
        assertThat(Decoded.response(CHAT, body).stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(Decoded.response(CHAT, body).output()).singleElement()
                .isInstanceOfSatisfying(ContentPart.ToolCall.class,
                        c -> assertThat(c.name()).isEqualTo("get_weather"));

        String followUp = first.substring(0, first.length() - 1) + ",{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[" + call + "]},{\"role\":\"tool\",\"tool_call_id\":\"" + call.path("id").asText()
                + "\",\"content\":\"sunny\"}]}";
        post(followUp)
                .statusCode(200)
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("choices[0].message.content", equalTo("done: get_weather"))
                .body("choices[0].message.tool_calls", nullValue());
    }

    @Test
    void streamedToolCallCarriesIdAndNameThenArgumentFragments() throws Exception {
        String sse = post("{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[" + USER + "]}")
                .statusCode(200).extract().asString();
        List<String> data = Sse.data(sse);
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        // role, tool call head, 4 argument fragments, finish, usage, [DONE]
        assertThat(data).hasSize(9);
        JsonNode head = Json.MAPPER.readTree(data.get(1)).at("/choices/0/delta/tool_calls/0");
        assertThat(head.path("index").asInt()).isZero();
        assertThat(head.path("id").asText()).startsWith("call_sim_");
        assertThat(head.at("/function/name").asText()).isEqualTo("get_weather");
        JsonNode finish = Json.MAPPER.readTree(data.get(6));
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");

        List<StreamEvent> decoded = Decoded.stream(CHAT, sse);
        assertThat(Decoded.arguments(decoded)).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(Decoded.first(decoded, StreamEvent.ToolCallStart.class).name()).isEqualTo("get_weather");
        assertThat(Decoded.messageDelta(decoded).stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void reasoningModelsSendReasoningContent() throws Exception {
        String request = "{\"model\":\"sim-echo-reasoning\",\"messages\":[{\"role\":\"user\",\"content\":\"hmm\"}]";
        String body = post(request + "}").statusCode(200)
                .body("choices[0].message.content", equalTo("echo: hmm"))
                .extract().asString();
        JsonNode json = Json.MAPPER.readTree(body);
        String reasoning = json.at("/choices/0/message/reasoning_content").asText();
        assertThat(reasoning).isNotBlank();
        assertThat(json.at("/usage/completion_tokens_details/reasoning_tokens").asInt())
                .isEqualTo(TokenCounter.count(reasoning));
        assertThat(json.at("/usage/completion_tokens").asInt())
                .isEqualTo(TokenCounter.count(reasoning) + TokenCounter.count("echo: hmm"));

        String sse = post(request + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}").statusCode(200)
                .extract().asString();
        List<StreamEvent> decoded = Decoded.stream(CHAT, sse);
        assertThat(Decoded.thinking(decoded)).isEqualTo(reasoning);
        assertThat(Decoded.text(decoded)).isEqualTo("echo: hmm");
        assertThat(Decoded.messageDelta(decoded).usage().tokens().reasoningTokens())
                .isEqualTo(TokenCounter.count(reasoning));
    }

    @Test
    void imagesNeedAVisionModel() {
        String request = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"what\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AA\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.invalid/b.png\"}}]}]}";
        post(request.formatted("sim-echo-vision")).statusCode(200)
                .body("choices[0].message.content", equalTo("echo: what [images: 2]"));
        post(request.formatted("gpt-4o")).statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("image input not supported by this model"));
    }

    @Test
    void outputCapEndsWithLength() {
        post("{\"model\":\"gpt-4o\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"a b c d\"}]}")
                .statusCode(200)
                .body("choices[0].finish_reason", equalTo("length"))
                .body("usage.completion_tokens", equalTo(2));
    }
}
