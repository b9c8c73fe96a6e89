package dev.switchboard.routing;

import static dev.switchboard.routing.support.Calls.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

/**
 * Every caller dialect against every target dialect, answered and streamed: the caller sees its own dialect, the
 * upstream receives its own (path, auth style, body, upstream model id), and the usage event has the upstream's
 * token counts.
 */
@QuarkusTest
@QuarkusTestResource(RoutingTestResource.class)
class DialectMatrixTest {

    static final String CHAT = "openai-chat";
    static final String RESPONSES = "openai-responses";
    static final String ANTHROPIC = "anthropic-messages";

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (String caller : List.of(CHAT, RESPONSES, ANTHROPIC)) {
            for (String target : List.of(CHAT, RESPONSES, ANTHROPIC)) {
                pairs.add(Arguments.of(caller, target));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} caller → {1} target")
    @MethodSource("pairs")
    void answersInTheCallersDialect(String caller, String target) {
        String id = newRequestId();
        String prompt = "question " + id;
        Response response = Calls.route(id, caller, Calls.body(caller, group(target), prompt));

        response.then().statusCode(200).header("content-type", containsString("application/json"));
        JsonObject answer = new JsonObject(response.asString());
        assertThat(textOf(caller, answer)).isEqualTo("echo: " + prompt);

        FakeUpstream.Seen upstream = single(id);
        assertUpstreamShape(target, upstream, prompt, false);

        UsageEvent event = UsageSink.await(connector, id);
        assertUsage(event, caller, target);
    }

    @ParameterizedTest(name = "{0} caller → {1} target, streamed")
    @MethodSource("pairs")
    void streamsInTheCallersDialect(String caller, String target) {
        String id = newRequestId();
        String prompt = "stream " + id;
        Response response = Calls.route(id, caller, Calls.body(caller, group(target), prompt).put("stream", true));

        response.then().statusCode(200).header("content-type", containsString("text/event-stream"));
        List<Sse.Event> events = Sse.parse(response.asString());
        assertStreamShape(caller, events);

        FakeUpstream.Seen upstream = single(id);
        assertUpstreamShape(target, upstream, prompt, true);

        UsageEvent event = UsageSink.await(connector, id);
        assertUsage(event, caller, target);
        assertThat(event.stream()).isTrue();
    }

    private static String group(String target) {
        return switch (target) {
            case CHAT -> "to-chat";
            case RESPONSES -> "to-responses";
            default -> "to-anthropic";
        };
    }

    private static FakeUpstream.Seen single(String id) {
        List<FakeUpstream.Seen> seen = FakeUpstream.seenFor(id);
        assertThat(seen).hasSize(1);
        return seen.get(0);
    }

    /** The answer text, read the way an SDK of the caller's dialect reads it. */
    private static String textOf(String caller, JsonObject answer) {
        return switch (caller) {
            case CHAT -> {
                assertThat(answer.getString("object")).isEqualTo("chat.completion");
                assertThat(answer.getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
                        .isEqualTo("stop");
                yield answer.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
            }
            case RESPONSES -> {
                assertThat(answer.getString("object")).isEqualTo("response");
                assertThat(answer.getString("status")).isEqualTo("completed");
                JsonObject message = answer.getJsonArray("output").getJsonObject(0);
                assertThat(message.getString("type")).isEqualTo("message");
                JsonObject part = message.getJsonArray("content").getJsonObject(0);
                assertThat(part.getString("type")).isEqualTo("output_text");
                yield part.getString("text");
            }
            default -> {
                assertThat(answer.getString("type")).isEqualTo("message");
                assertThat(answer.getString("role")).isEqualTo("assistant");
                assertThat(answer.getString("stop_reason")).isEqualTo("end_turn");
                assertThat(answer.getJsonObject("usage").getLong("output_tokens")).isPositive();
                JsonObject block = answer.getJsonArray("content").getJsonObject(0);
                assertThat(block.getString("type")).isEqualTo("text");
                yield block.getString("text");
            }
        };
    }

    private static void assertStreamShape(String caller, List<Sse.Event> events) {
        StringBuilder text = new StringBuilder();
        switch (caller) {
            case CHAT -> {
                assertThat(Sse.names(events)).allMatch(n -> n == null);
                assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
                for (Sse.Event e : events.subList(0, events.size() - 1)) {
                    JsonObject chunk = e.json();
                    assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
                    JsonArray choices = chunk.getJsonArray("choices");
                    if (!choices.isEmpty()) {
                        Object content = choices.getJsonObject(0).getJsonObject("delta").getValue("content");
                        text.append(content instanceof String s ? s : "");
                    }
                }
                assertThat(events).anyMatch(e -> e.data().contains("\"finish_reason\":\"stop\""));
                assertThat(events).as("the caller did not ask for usage")
                        .noneMatch(e -> e.data().contains("usage\":{"));
            }
            case RESPONSES -> {
                assertThat(events.get(0).name()).isEqualTo("response.created");
                assertThat(events.get(events.size() - 1).name()).isEqualTo("response.completed");
                for (Sse.Event e : events) {
                    assertThat(e.json().getString("type")).isEqualTo(e.name());
                    if ("response.output_text.delta".equals(e.name())) {
                        text.append(e.json().getString("delta"));
                    }
                }
                JsonObject completed = events.get(events.size() - 1).json().getJsonObject("response");
                assertThat(completed.getString("status")).isEqualTo("completed");
                assertThat(completed.getJsonObject("usage").getLong("output_tokens")).isPositive();
            }
            default -> {
                assertThat(events.get(0).name()).isEqualTo("message_start");
                assertThat(events.get(events.size() - 1).name()).isEqualTo("message_stop");
                assertThat(Sse.names(events)).contains("content_block_start", "content_block_stop",
                        "message_delta");
                for (Sse.Event e : events) {
                    assertThat(e.json().getString("type")).isEqualTo(e.name());
                    if ("content_block_delta".equals(e.name())) {
                        text.append(e.json().getJsonObject("delta").getString("text"));
                    }
                }
                JsonObject delta = events.stream().filter(e -> "message_delta".equals(e.name())).findFirst()
                        .orElseThrow().json();
                assertThat(delta.getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
            }
        }
        assertThat(text.toString()).isEqualTo("Hello world");
    }

    private static void assertUpstreamShape(String target, FakeUpstream.Seen upstream, String prompt,
            boolean stream) {
        JsonObject body = upstream.body();
        String key = RoutingTestResource.PROVIDER_KEY;
        switch (target) {
            case CHAT -> {
                assertThat(upstream.path()).isEqualTo("/v1/chat/completions");
                assertThat(upstream.headers().get("authorization")).isEqualTo("Bearer " + key);
                assertThat(body.getString("model")).isEqualTo("up-ok");
                JsonArray messages = body.getJsonArray("messages");
                JsonObject last = messages.getJsonObject(messages.size() - 1);
                assertThat(last.getString("role")).isEqualTo("user");
                assertThat(last.encode()).contains(prompt);
                if (stream) {
                    assertThat(body.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
                }
            }
            case RESPONSES -> {
                assertThat(upstream.path()).isEqualTo("/v1/responses");
                assertThat(upstream.headers().get("authorization")).isEqualTo("Bearer " + key);
                assertThat(body.getString("model")).isEqualTo("resp-ok");
                assertThat(body.containsKey("messages")).isFalse();
                assertThat(body.getValue("input").toString()).contains(prompt);
            }
            default -> {
                assertThat(upstream.path()).isEqualTo("/v1/messages");
                assertThat(upstream.headers().get("x-api-key")).isEqualTo(key);
                assertThat(upstream.headers().contains("authorization")).isFalse();
                assertThat(upstream.headers().get("anthropic-version")).isEqualTo("2023-06-01");
                assertThat(body.getString("model")).isEqualTo("claude-ok");
                assertThat(body.getInteger("max_tokens")).isPositive();
                JsonArray messages = body.getJsonArray("messages");
                assertThat(messages.getJsonObject(messages.size() - 1).encode()).contains(prompt);
            }
        }
        if (!ANTHROPIC.equals(target)) {
            assertThat(upstream.headers().names()).noneMatch(h -> h.toLowerCase().startsWith("anthropic-")
                    || h.equalsIgnoreCase("x-api-key"));
        }
        assertThat(body.getBoolean("stream", false)).isEqualTo(stream);
        assertThat(upstream.headers().names()).noneMatch(h -> h.toLowerCase().startsWith("x-sb-"));
    }

    private static void assertUsage(UsageEvent event, String caller, String target) {
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.inboundDialect()).isEqualTo(caller);
        assertThat(event.targetDialect()).isEqualTo(target);
        assertThat(event.tokenSource()).isEqualTo("upstream");
        long[] expected = switch (target) {
            case CHAT -> new long[]{12, 5};
            case RESPONSES -> new long[]{21, 6};
            default -> new long[]{34, 7}; // 30 uncached + 4 cache reads
        };
        assertThat(event.inputTokens()).isEqualTo(expected[0]);
        assertThat(event.outputTokens()).isEqualTo(expected[1]);
        assertThat(event.totalCostUsd()).isPositive();
        assertThat(event.outputCapAction()).isNull();
    }
}
