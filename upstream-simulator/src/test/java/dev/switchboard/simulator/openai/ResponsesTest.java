package dev.switchboard.simulator.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

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
class ResponsesTest {

    private static final Dialect RESPONSES = Dialect.OPENAI_RESPONSES;

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    /** What the gateway estimates for the same body: the simulator's input_tokens must agree. */
    private static int gatewayEstimate(String body) throws Exception {
        return RequestFacts.countInputTokens(Codecs.of(RESPONSES).decodeRequest((ObjectNode) json(body)));
    }

    @Test
    void stringInputGetsAResponseObject() throws Exception {
        String request = "{\"model\":\"gpt-4.1\",\"instructions\":\"be terse\",\"input\":\"hello responses\"}";
        String body = post("/v1/responses", request)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("x-sim-scenario", "sim-echo")
                .body("id", matchesPattern("resp_sim_\\d+"))
                .body("object", equalTo("response"))
                .body("status", equalTo("completed"))
                .body("model", equalTo("gpt-4.1"))
                .body("output.size()", equalTo(1))
                .body("output[0].type", equalTo("message"))
                .body("output[0].role", equalTo("assistant"))
                .body("output[0].content[0].type", equalTo("output_text"))
                .body("output[0].content[0].text", equalTo("echo: hello responses"))
                .body("usage.input_tokens", equalTo(TokenCounter.count("be terse\nhello responses\n")))
                .body("usage.output_tokens", equalTo(TokenCounter.count("echo: hello responses")))
                .body("usage.output_tokens_details.reasoning_tokens", equalTo(0))
                .extract().asString();
        JsonNode usage = json(body).path("usage");
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("input_tokens").asInt() + usage.path("output_tokens").asInt());
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(gatewayEstimate(request));

        CanonicalResponse decoded = Decoded.response(RESPONSES, body);
        assertThat(decoded.text()).isEqualTo("echo: hello responses");
        assertThat(decoded.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(decoded.usage().outputTokens()).isEqualTo(TokenCounter.count("echo: hello responses"));
    }

    @Test
    void itemInputUsesTheLastUserMessageAndMatchesTheGatewayEstimate() throws Exception {
        String request = """
                {"model":"gpt-4.1","input":[
                  {"role":"developer","content":"rules"},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"first"}]},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"ok"}]},
                  {"type":"function_call","call_id":"call_1","name":"ls","arguments":"{\\"d\\":\\".\\"}"},
                  {"type":"function_call_output","call_id":"call_1","output":"a.txt"},
                  {"role":"user","content":[{"type":"input_text","text":"second"},{"type":"input_text","text":"part"}]}
                ]}""";
        String body = post("/responses", request).statusCode(200)
                .body("output[0].content[0].text", equalTo("echo: second\npart"))
                .extract().asString();
        assertThat(json(body).at("/usage/input_tokens").asInt()).isEqualTo(gatewayEstimate(request));
    }

    @Test
    void streamSendsTheRealEventSequence() throws Exception {
        String sse = post("/v1/responses", "{\"model\":\"gpt-4.1\",\"input\":\"one two three four\",\"stream\":true}")
                .statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .extract().asString();
        List<Sse.Event> events = Sse.events(sse);
        List<String> names = events.stream().map(Sse.Event::event).toList();
        int deltas = EventNames.count(names, "response.output_text.delta");
        assertThat(deltas).isGreaterThanOrEqualTo(4);
        assertThat(names).containsExactlyElementsOf(EventNames.sequence(List.of("response.created",
                "response.in_progress", "response.output_item.added", "response.content_part.added"),
                "response.output_text.delta", deltas, List.of("response.output_text.done",
                        "response.content_part.done", "response.output_item.done", "response.completed")));
        StringBuilder text = new StringBuilder();
        String responseId = null;
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = json(events.get(i).data());
            assertThat(data.path("type").asText()).isEqualTo(events.get(i).event());
            assertThat(data.path("sequence_number").asInt()).isEqualTo(i);
            if (data.has("response")) {
                responseId = responseId == null ? data.at("/response/id").asText() : responseId;
                assertThat(data.at("/response/id").asText()).isEqualTo(responseId);
            }
            if (events.get(i).event().equals("response.output_text.delta")) {
                text.append(data.path("delta").asText());
            }
        }
        assertThat(text.toString()).isEqualTo("echo: one two three four");
        JsonNode created = json(events.get(0).data());
        assertThat(created.at("/response/status").asText()).isEqualTo("in_progress");
        assertThat(created.at("/response/usage").isNull()).isTrue();
        JsonNode completed = json(events.get(events.size() - 1).data());
        assertThat(completed.at("/response/status").asText()).isEqualTo("completed");
        assertThat(completed.at("/response/output/0/content/0/text").asText()).isEqualTo("echo: one two three four");
        assertThat(completed.at("/response/usage/output_tokens").asInt())
                .isEqualTo(TokenCounter.count("echo: one two three four"));

        List<StreamEvent> decoded = Decoded.stream(RESPONSES, sse);
        assertThat(Decoded.text(decoded)).isEqualTo("echo: one two three four");
        assertThat(Decoded.messageDelta(decoded).stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(Decoded.messageDelta(decoded).usage().inputTokens()).isEqualTo(TokenCounter.count(
                "one two three four\n"));
    }

    @Test
    void scriptedToolCallThenDone() throws Exception {
        String prompt = "Codex says: please [[sim:tool shell {\\\"command\\\":[\\\"ls\\\",\\\"-la\\\"]}]] now";
        String first = post("/v1/responses", "{\"model\":\"gpt-5-codex\",\"tools\":[],\"input\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"" + prompt + "\"}]}]}")
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("output[0].type", equalTo("function_call"))
                .body("output[0].name", equalTo("shell"))
                .body("output[0].arguments", equalTo("{\"command\":[\"ls\",\"-la\"]}"))
                .body("output[0].call_id", matchesPattern("call_sim_[0-9a-f]{16}"))
                .extract().asString();
        String callId = json(first).at("/output/0/call_id").asText();
        CanonicalResponse decoded = Decoded.response(RESPONSES, first);
        assertThat(decoded.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(decoded.output()).singleElement().isInstanceOfSatisfying(ContentPart.ToolCall.class, call -> {
            assertThat(call.id()).isEqualTo(callId);
            assertThat(call.arguments().node().path("command").get(1).asText()).isEqualTo("-la");
        });

        String followUp = "{\"model\":\"gpt-5-codex\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"input_text\",\"text\":\"" + prompt + "\"}]},{\"type\":\"function_call\",\"call_id\":\"" + callId
                + "\",\"name\":\"shell\",\"arguments\":\"{}\"},{\"type\":\"function_call_output\",\"call_id\":\""
                + callId + "\",\"output\":\"total 0\"}]";
        post("/v1/responses", followUp + "}").statusCode(200)
                .body("output[0].type", equalTo("message"))
                .body("output[0].content[0].text", equalTo("done: shell"));

        String sse = post("/v1/responses", followUp + ",\"stream\":true}").statusCode(200).extract().asString();
        assertThat(Decoded.text(Decoded.stream(RESPONSES, sse))).isEqualTo("done: shell");
    }

    @Test
    void streamedToolCallDeliversArgumentsInDeltas() throws Exception {
        String sse = post("/v1/responses", "{\"model\":\"gpt-4.1\",\"stream\":true,\"input\":\"[[sim:tool "
                + "get_weather {\\\"city\\\":\\\"Paris\\\",\\\"unit\\\":\\\"c\\\"}]]\"}")
                .statusCode(200).extract().asString();
        List<String> names = Sse.names(sse);
        int deltas = EventNames.count(names, "response.function_call_arguments.delta");
        assertThat(deltas).isEqualTo(4);
        assertThat(names).containsExactlyElementsOf(EventNames.sequence(List.of("response.created",
                "response.in_progress", "response.output_item.added"), "response.function_call_arguments.delta",
                deltas, List.of("response.function_call_arguments.done", "response.output_item.done",
                        "response.completed")));
        JsonNode added = json(Sse.events(sse).get(2).data());
        assertThat(added.at("/item/type").asText()).isEqualTo("function_call");
        assertThat(added.at("/item/name").asText()).isEqualTo("get_weather");
        assertThat(added.at("/item/arguments").asText()).isEmpty();

        List<StreamEvent> decoded = Decoded.stream(RESPONSES, sse);
        StreamEvent.ToolCallStart start = Decoded.first(decoded, StreamEvent.ToolCallStart.class);
        assertThat(start.name()).isEqualTo("get_weather");
        assertThat(start.id()).startsWith("call_sim_");
        assertThat(Decoded.arguments(decoded)).isEqualTo("{\"city\":\"Paris\",\"unit\":\"c\"}");
        assertThat(Decoded.messageDelta(decoded).stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void reasoningModelsAddAReasoningItem() throws Exception {
        String body = post("/v1/responses", "{\"model\":\"sim-echo-reasoning\",\"input\":\"think\"}")
                .statusCode(200)
                .body("output.size()", equalTo(2))
                .body("output[0].type", equalTo("reasoning"))
                .body("output[0].summary[0].type", equalTo("summary_text"))
                .body("output[1].content[0].text", equalTo("echo: think"))
                .extract().asString();
        JsonNode usage = json(body).path("usage");
        String reasoning = json(body).at("/output/0/summary/0/text").asText();
        assertThat(usage.at("/output_tokens_details/reasoning_tokens").asInt())
                .isEqualTo(TokenCounter.count(reasoning)).isPositive();
        assertThat(usage.path("output_tokens").asInt())
                .isEqualTo(TokenCounter.count(reasoning) + TokenCounter.count("echo: think"));

        String sse = post("/v1/responses", "{\"model\":\"sim-echo-reasoning\",\"input\":\"think\",\"stream\":true}")
                .statusCode(200).extract().asString();
        List<String> names = Sse.names(sse);
        assertThat(names.subList(0, 4)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added");
        assertThat(names).contains("response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done");
        List<StreamEvent> decoded = Decoded.stream(RESPONSES, sse);
        assertThat(Decoded.thinking(decoded)).isEqualTo(reasoning);
        assertThat(Decoded.text(decoded)).isEqualTo("echo: think");
        assertThat(Decoded.messageDelta(decoded).usage().tokens().reasoningTokens())
                .isEqualTo(TokenCounter.count(reasoning));
    }

    @Test
    void imagesNeedAVisionModel() {
        String withImage = "{\"model\":\"%s\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"what is this\"},{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,AAAA\"}]}]}";
        post("/v1/responses", withImage.formatted("sim-echo-vision"))
                .statusCode(200)
                .body("output[0].content[0].text", equalTo("echo: what is this [images: 1]"));
        post("/v1/responses", withImage.formatted("gpt-4.1"))
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("image input not supported by this model"));
    }

    @Test
    void outputCapEndsIncomplete() {
        post("/v1/responses", "{\"model\":\"m\",\"max_output_tokens\":2,\"input\":\"a b c d e f g h\"}")
                .statusCode(200)
                .body("status", equalTo("incomplete"))
                .body("incomplete_details.reason", equalTo("max_output_tokens"))
                .body("usage.output_tokens", equalTo(2));
    }

    @Test
    void invalidRequestsAndFailuresUseOpenAiErrors() {
        post("/v1/responses", "{\"model\":\"m\"}")
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("input"));
        post("/v1/responses", "{\"input\":\"x\"}").statusCode(400).body("error.param", equalTo("model"));
        post("/v1/responses", "{\"model\":\"sim-429\",\"input\":\"x\"}")
                .statusCode(429)
                .header("Retry-After", "2")
                .body("error.code", equalTo("rate_limit_exceeded"));
        post("/v1/responses", "{\"model\":\"sim-fail-500\",\"input\":\"x\",\"stream\":true}")
                .statusCode(500)
                .body("error.type", equalTo("server_error"))
                .body("error.code", nullValue());
    }

    @Test
    void streamErrorIsAnInBandErrorEventWithoutCompletion() throws Exception {
        String sse = post("/v1/responses", "{\"model\":\"sim-stream-error\",\"input\":\"x y z w\",\"stream\":true}")
                .statusCode(200).extract().asString();
        List<Sse.Event> events = Sse.events(sse);
        assertThat(events).hasSize(6);
        assertThat(events.get(4).event()).isEqualTo("response.output_text.delta");
        Sse.Event error = events.get(5);
        assertThat(error.event()).isEqualTo("error");
        JsonNode data = json(error.data());
        assertThat(data.path("type").asText()).isEqualTo("error");
        assertThat(data.path("sequence_number").asInt()).isEqualTo(5);
        assertThat(data.path("code").asText()).isEqualTo("server_error");
    }
}
