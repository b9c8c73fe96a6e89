package dev.switchboard.routing;

import static dev.switchboard.routing.support.Calls.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.routing.support.Calls;
import dev.switchboard.routing.support.FakeUpstream;
import dev.switchboard.routing.support.RoutingTestResource;
import dev.switchboard.routing.support.Sse;
import dev.switchboard.routing.support.UsageSink;

/** Translation beyond plain text: tool loops, Anthropic headers, output caps, refusals and errors. */
@QuarkusTest
@QuarkusTestResource(RoutingTestResource.class)
class TranslationRouteTest {

    static final String CHAT = "openai-chat";
    static final String RESPONSES = "openai-responses";
    static final String ANTHROPIC = "anthropic-messages";

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    static JsonObject weatherSchema() {
        return new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put("city", new JsonObject().put("type", "string")))
                .put("required", new JsonArray().add("city"));
    }

    @Test
    void anthropicCallerRunsAToolLoopAgainstAChatTarget() {
        JsonObject tools = new JsonObject().put("name", "get_weather")
                .put("description", "Current weather for a city")
                .put("input_schema", weatherSchema());
        String first = newRequestId();
        JsonObject turn1 = Calls.anthropic("chat-tools", "Weather in Paris?").put("tools", new JsonArray().add(tools));
        Response answer = Calls.route(first, ANTHROPIC, turn1);

        answer.then()
                .statusCode(200)
                .body("type", equalTo("message"))
                .body("stop_reason", equalTo("tool_use"))
                .body("content.find { it.type == 'tool_use' }.id", equalTo("call_w1"))
                .body("content.find { it.type == 'tool_use' }.name", equalTo("get_weather"))
                .body("content.find { it.type == 'tool_use' }.input.city", equalTo("Paris"));
        JsonObject sent = FakeUpstream.seenFor(first).get(0).body();
        assertThat(FakeUpstream.seenFor(first).get(0).path()).isEqualTo("/v1/chat/completions");
        JsonObject function = sent.getJsonArray("tools").getJsonObject(0).getJsonObject("function");
        assertThat(sent.getJsonArray("tools").getJsonObject(0).getString("type")).isEqualTo("function");
        assertThat(function.getString("name")).isEqualTo("get_weather");
        assertThat(function.getJsonObject("parameters")).isEqualTo(weatherSchema());

        String second = newRequestId();
        JsonObject toolUse = new JsonObject().put("type", "tool_use")
                .put("id", "call_w1")
                .put("name", "get_weather")
                .put("input", new JsonObject().put("city", "Paris"));
        JsonObject toolResult = new JsonObject().put("type", "tool_result")
                .put("tool_use_id", "call_w1")
                .put("content", "18C and sunny");
        JsonObject turn2 = Calls.anthropic("chat-tools", "Weather in Paris?").put("tools", new JsonArray().add(tools));
        turn2.getJsonArray("messages")
                .add(new JsonObject().put("role", "assistant").put("content", new JsonArray().add(toolUse)))
                .add(new JsonObject().put("role", "user").put("content", new JsonArray().add(toolResult)));
        Calls.route(second, ANTHROPIC, turn2)
                .then()
                .statusCode(200)
                .body("content[0].type", equalTo("text"))
                .body("content[0].text", equalTo("tool said: 18C and sunny"))
                .body("stop_reason", equalTo("end_turn"));

        JsonArray messages = FakeUpstream.seenFor(second).get(0).body().getJsonArray("messages");
        JsonObject assistant = messages.getJsonObject(1);
        assertThat(assistant.getString("role")).isEqualTo("assistant");
        JsonObject call = assistant.getJsonArray("tool_calls").getJsonObject(0);
        assertThat(call.getString("id")).isEqualTo("call_w1");
        assertThat(call.getJsonObject("function").getString("name")).isEqualTo("get_weather");
        assertThat(new JsonObject(call.getJsonObject("function").getString("arguments")).getString("city"))
                .isEqualTo("Paris");
        JsonObject tool = messages.getJsonObject(2);
        assertThat(tool.getString("role")).isEqualTo("tool");
        assertThat(tool.getString("tool_call_id")).isEqualTo("call_w1");
        assertThat(tool.encode()).contains("18C and sunny");
    }

    @Test
    void chatCallerRunsAToolLoopAgainstAnAnthropicTarget() {
        JsonObject tool = new JsonObject().put("type", "function")
                .put("function", new JsonObject().put("name", "get_weather").put("parameters", weatherSchema()));
        String first = newRequestId();
        Calls.route(first, CHAT, Calls.chat("anthropic-tools", "Weather in Paris?")
                .put("tools", new JsonArray().add(tool)))
                .then()
                .statusCode(200)
                .body("object", equalTo("chat.completion"))
                .body("choices[0].finish_reason", equalTo("tool_calls"))
                .body("choices[0].message.tool_calls[0].id", equalTo("toolu_01A"))
                .body("choices[0].message.tool_calls[0].type", equalTo("function"))
                .body("choices[0].message.tool_calls[0].function.name", equalTo("get_weather"))
                .body("choices[0].message.tool_calls[0].function.arguments", equalTo("{\"city\":\"Paris\"}"));
        FakeUpstream.Seen upstream = FakeUpstream.seenFor(first).get(0);
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        JsonObject anthropicTool = upstream.body().getJsonArray("tools").getJsonObject(0);
        assertThat(anthropicTool.getString("name")).isEqualTo("get_weather");
        assertThat(anthropicTool.getJsonObject("input_schema")).isEqualTo(weatherSchema());

        String streamed = newRequestId();
        Response stream = Calls.route(streamed, CHAT, Calls.chat("anthropic-tools", "Weather in Paris?")
                .put("tools", new JsonArray().add(tool))
                .put("stream", true));
        stream.then().statusCode(200);
        List<Sse.Event> events = Sse.parse(stream.asString());
        StringBuilder arguments = new StringBuilder();
        String callId = null;
        String finish = null;
        for (Sse.Event e : events.subList(0, events.size() - 1)) {
            JsonArray choices = e.json().getJsonArray("choices");
            if (choices.isEmpty()) {
                continue;
            }
            JsonObject choice = choices.getJsonObject(0);
            finish = choice.getString("finish_reason") != null ? choice.getString("finish_reason") : finish;
            JsonArray calls = choice.getJsonObject("delta").getJsonArray("tool_calls");
            if (calls != null) {
                JsonObject c = calls.getJsonObject(0);
                callId = c.getString("id") != null ? c.getString("id") : callId;
                arguments.append(c.getJsonObject("function").getString("arguments", ""));
            }
        }
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
        assertThat(callId).isEqualTo("toolu_01A");
        assertThat(new JsonObject(arguments.toString()).getString("city")).isEqualTo("Paris");
        assertThat(finish).isEqualTo("tool_calls");

        String second = newRequestId();
        JsonObject turn2 = Calls.chat("anthropic-tools", "Weather in Paris?").put("tools", new JsonArray().add(tool));
        turn2.getJsonArray("messages")
                .add(new JsonObject().put("role", "assistant")
                        .putNull("content")
                        .put("tool_calls", new JsonArray().add(new JsonObject().put("id", "toolu_01A")
                                .put("type", "function")
                                .put("function", new JsonObject().put("name", "get_weather")
                                        .put("arguments", "{\"city\":\"Paris\"}")))))
                .add(new JsonObject().put("role", "tool").put("tool_call_id", "toolu_01A").put("content",
                        "18C and sunny"));
        Calls.route(second, CHAT, turn2)
                .then()
                .statusCode(200)
                .body("choices[0].message.content", equalTo("tool said: 18C and sunny"))
                .body("choices[0].finish_reason", equalTo("stop"));
        JsonArray messages = FakeUpstream.seenFor(second).get(0).body().getJsonArray("messages");
        JsonObject toolUse = messages.getJsonObject(1).getJsonArray("content").stream()
                .map(JsonObject.class::cast)
                .filter(b -> "tool_use".equals(b.getString("type")))
                .findFirst()
                .orElseThrow();
        assertThat(toolUse.getString("id")).isEqualTo("toolu_01A");
        assertThat(toolUse.getJsonObject("input").getString("city")).isEqualTo("Paris");
        JsonObject result = messages.getJsonObject(2);
        assertThat(result.getString("role")).isEqualTo("user");
        JsonObject resultBlock = result.getJsonArray("content").getJsonObject(0);
        assertThat(resultBlock.getString("type")).isEqualTo("tool_result");
        assertThat(resultBlock.getString("tool_use_id")).isEqualTo("toolu_01A");
    }

    @Test
    void forwardsAnthropicHeadersToAnthropicTargetsOnly() {
        String toAnthropic = newRequestId();
        String toChat = newRequestId();
        for (String[] call : new String[][]{{toAnthropic, "to-anthropic"}, {toChat, "to-chat"}}) {
            Calls.gateway(call[0], call[1], false, ANTHROPIC)
                    .header("anthropic-version", "2023-01-01")
                    .header("anthropic-beta", "prompt-caching-2024-07-31")
                    .body(Calls.anthropic(call[1], "hi").encode())
                    .post(Calls.PATH)
                    .then()
                    .statusCode(200)
                    .body("type", equalTo("message"));
        }
        FakeUpstream.Seen anthropic = FakeUpstream.seenFor(toAnthropic).get(0);
        assertThat(anthropic.headers().get("anthropic-version")).isEqualTo("2023-01-01");
        assertThat(anthropic.headers().get("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31");
        FakeUpstream.Seen chat = FakeUpstream.seenFor(toChat).get(0);
        assertThat(chat.headers().contains("anthropic-version")).isFalse();
        assertThat(chat.headers().contains("anthropic-beta")).isFalse();
        assertThat(chat.headers().get("authorization")).isEqualTo("Bearer " + RoutingTestResource.PROVIDER_KEY);
    }

    @Test
    void clampsACapAboveTheTargetsMaximum() {
        String sameDialect = newRequestId();
        Calls.route(sameDialect, CHAT, Calls.chat("clamp-chat", "long answer").put("max_completion_tokens", 5000))
                .then()
                .statusCode(200);
        assertThat(FakeUpstream.seenFor(sameDialect).get(0).body().getInteger("max_completion_tokens"))
                .isEqualTo(1000);
        assertThat(UsageSink.await(connector, sameDialect).outputCapAction()).isEqualTo("clamped");

        String translated = newRequestId();
        Calls.route(translated, RESPONSES, Calls.responses("clamp-anthropic", "long answer")
                .put("max_output_tokens", 5000))
                .then()
                .statusCode(200)
                .body("object", equalTo("response"));
        JsonObject sent = FakeUpstream.seenFor(translated).get(0).body();
        assertThat(sent.getInteger("max_tokens")).isEqualTo(1000);
        UsageEvent clamped = UsageSink.await(connector, translated);
        assertThat(clamped.outputCapAction()).isEqualTo("clamped");
        assertThat(clamped.inboundDialect()).isEqualTo(RESPONSES);
        assertThat(clamped.targetDialect()).isEqualTo(ANTHROPIC);

        String within = newRequestId();
        Calls.route(within, CHAT, Calls.chat("clamp-chat", "short answer").put("max_completion_tokens", 300))
                .then()
                .statusCode(200);
        assertThat(FakeUpstream.seenFor(within).get(0).body().getInteger("max_completion_tokens")).isEqualTo(300);
        assertThat(UsageSink.await(connector, within).outputCapAction()).isNull();
    }

    @Test
    void reroutesACapAboveTheTargetsMaximumWhenConfiguredTo() {
        String rerouted = newRequestId();
        Calls.route(rerouted, CHAT, Calls.chat("reroute", "long answer").put("max_tokens", 5000))
                .then()
                .statusCode(200)
                .body("object", equalTo("chat.completion"));
        List<FakeUpstream.Seen> seen = FakeUpstream.seenFor(rerouted);
        assertThat(seen).extracting(FakeUpstream.Seen::model).containsExactly("resp-ok");
        assertThat(seen.get(0).body().getInteger("max_output_tokens")).as("the caller's cap, untouched")
                .isEqualTo(5000);
        UsageEvent event = UsageSink.await(connector, rerouted);
        assertThat(event.outputCapAction()).isEqualTo("rerouted");
        assertThat(event.targetDialect()).isEqualTo(RESPONSES);
        assertThat(event.attemptCount()).isEqualTo(1);

        String fits = newRequestId();
        Calls.route(fits, CHAT, Calls.chat("reroute", "short answer").put("max_tokens", 800)).then().statusCode(200);
        assertThat(FakeUpstream.seenFor(fits)).extracting(FakeUpstream.Seen::model).containsExactly("up-ok");
        assertThat(UsageSink.await(connector, fits).outputCapAction()).isNull();

        String nowhere = newRequestId();
        int before = FakeUpstream.total();
        Calls.route(nowhere, CHAT, Calls.chat("reroute-only", "long answer").put("max_tokens", 5000))
                .then()
                .statusCode(502)
                .body("error.type", equalTo("no-eligible-target"))
                .body("error.details.requirements", contains("max_tokens"))
                .body("error.details.attempts", equalTo(0));
        assertThat(FakeUpstream.total()).isEqualTo(before);
    }

    @Test
    void namesWhatNoTargetOfAnyDialectCouldServe() {
        int before = FakeUpstream.total();
        JsonObject image = new JsonObject().put("type", "image")
                .put("source", new JsonObject().put("type", "base64").put("media_type", "image/png").put("data",
                        "iVBORw0KGgo="));
        JsonObject withImage = Calls.anthropic("text-only", "");
        withImage.getJsonArray("messages").getJsonObject(0).put("content", new JsonArray()
                .add(new JsonObject().put("type", "text").put("text", "what is this?"))
                .add(image));
        Calls.route(newRequestId(), ANTHROPIC, withImage)
                .then()
                .statusCode(502)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("no-eligible-target"))
                .body("error.details.requirements", contains("image"))
                .body("error.details.target_count", equalTo(3));

        JsonObject withTools = Calls.responses("text-only", "call something").put("tools", new JsonArray()
                .add(new JsonObject().put("type", "function").put("name", "f").put("parameters", weatherSchema())));
        Calls.route(newRequestId(), RESPONSES, withTools)
                .then()
                .statusCode(502)
                .body("error.type", equalTo("no-eligible-target"))
                .body("error.code", equalTo("no_eligible_target"))
                .body("error.details.requirements", contains("tools"));

        JsonObject structured = Calls.chat("text-only", "answer in JSON").put("response_format", new JsonObject()
                .put("type", "json_schema")
                .put("json_schema", new JsonObject().put("name", "answer").put("schema", weatherSchema())));
        Calls.route(newRequestId(), CHAT, structured)
                .then()
                .statusCode(502)
                .body("error.details.requirements", contains("structured_outputs", "structured_outputs_translation"));

        JsonObject stateful = Calls.responses("chat-or-anthropic", "and then?").put("previous_response_id",
                "resp_abc123");
        Calls.route(newRequestId(), RESPONSES, stateful)
                .then()
                .statusCode(502)
                .body("error.details.requirements", contains("previous_response_id"));

        JsonObject hosted = Calls.responses("chat-or-anthropic", "search the web")
                .put("tools", new JsonArray().add(new JsonObject().put("type", "web_search")));
        Calls.route(newRequestId(), RESPONSES, hosted)
                .then()
                .statusCode(502)
                .body("error.details.requirements", contains("hosted_tools"));

        assertThat(FakeUpstream.total()).as("no upstream call for any of them").isEqualTo(before);
    }

    @Test
    void answersAnthropicCallersWithAnthropicErrorEnvelopes() {
        String failed = newRequestId();
        Response response = Calls.route(failed, ANTHROPIC, Calls.anthropic("anthropic-down", "hello"));
        response.then()
                .statusCode(502)
                .header("x-router-error-class", "upstream_server_error")
                .header("x-upstream-status", "529")
                .body("type", equalTo("error"))
                .body("error.type", equalTo("upstream-failed"))
                .body("error.code", nullValue())
                .body("request_id", equalTo(failed))
                .body("error.details.upstream_status", equalTo(529));
        assertThat(response.asString()).doesNotContain(FakeUpstream.UPSTREAM_SECRET).doesNotContain("overloaded");
        UsageEvent event = UsageSink.await(connector, failed);
        assertThat(event.status()).isEqualTo(502);
        assertThat(event.inboundDialect()).isEqualTo(ANTHROPIC);
        assertThat(event.targetDialect()).isEqualTo(ANTHROPIC);

        String invalid = newRequestId();
        int before = FakeUpstream.total();
        JsonObject noCap = Calls.anthropic("to-chat", "hello");
        noCap.remove("max_tokens");
        Calls.route(invalid, ANTHROPIC, noCap)
                .then()
                .statusCode(400)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("invalid-request"))
                .body("error.message", equalTo("invalid request body: 'max_tokens' required, a positive integer"))
                .body("error.details.field", equalTo("max_tokens"));
        assertThat(FakeUpstream.total()).isEqualTo(before);
        assertThat(UsageSink.await(connector, invalid).status()).isEqualTo(400);

        Calls.route(newRequestId(), RESPONSES, new JsonObject().put("model", "to-chat").put("input", 42))
                .then()
                .statusCode(400)
                .body("error.type", equalTo("invalid-request"))
                .body("type", not(equalTo("error")));
    }

    @Test
    void endsATranslatedStreamWithoutItsTerminalEventWhenTheUpstreamFailsMidway() {
        String id = newRequestId();
        Response response = Calls.route(id, CHAT, Calls.chat("anthropic-broken", "start and fail").put("stream",
                true));

        response.then().statusCode(200);
        String text = response.asString();
        assertThat(text).contains("Hello")
                .doesNotContain("[DONE]")
                .doesNotContain("overloaded")
                .doesNotContain(FakeUpstream.UPSTREAM_SECRET);
        UsageEvent event = UsageSink.await(connector, id);
        assertThat(event.status()).isEqualTo(502);
        assertThat(event.errorClass()).isEqualTo("upstream_stream_interrupted");
        assertThat(event.attemptCount()).isEqualTo(1);
        assertThat(event.inputTokens()).as("input usage from message_start").isEqualTo(34);
    }

    @Test
    void keepsTranslatedPromptsAndAnswersOutOfLogsAndEvents() throws Exception {
        String canary = "TRANSLATED-CANARY-" + newRequestId();
        String a = newRequestId();
        String b = newRequestId();
        String c = newRequestId();
        Calls.route(a, ANTHROPIC, Calls.anthropic("to-chat", canary)).then().statusCode(200);
        Calls.route(b, CHAT, Calls.chat("to-anthropic", canary).put("stream", true)).then().statusCode(200);
        Calls.route(c, RESPONSES, Calls.responses("to-anthropic", canary)).then().statusCode(200);
        for (String id : List.of(a, b, c)) {
            UsageSink.await(connector, id);
        }
        for (Message<byte[]> message : UsageSink.messages(connector)) {
            assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).doesNotContain(canary)
                    .doesNotContain(RoutingTestResource.PROVIDER_KEY);
        }
        String log = Files.readString(Path.of("target", "routing-test.log"), StandardCharsets.UTF_8);
        assertThat(log).contains(a).contains(c).doesNotContain(canary).doesNotContain(
                RoutingTestResource.PROVIDER_KEY);
    }
}
