package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.CodecFixtures.decode;
import static dev.switchboard.model.codec.CodecFixtures.eventTypes;
import static dev.switchboard.model.codec.CodecFixtures.parse;
import static dev.switchboard.model.codec.CodecFixtures.stream;
import static dev.switchboard.model.codec.CodecFixtures.transcript;
import static dev.switchboard.model.codec.CodecFixtures.translate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.StreamEvent;
import dev.switchboard.model.codec.CodecFixtures.Transcript;
import dev.switchboard.model.dialect.Dialect;

/** Upstream SSE transcripts of each dialect, rendered as every dialect's caller stream. */
class StreamTranslationTest {

    static Stream<Arguments> pairsAndChunkSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (Dialect from : Dialect.values()) {
            for (Dialect to : Dialect.values()) {
                for (int chunkSize : new int[]{1, 7, 1 << 20}) {
                    cases.add(Arguments.of(from, to, chunkSize));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} in {2}-byte chunks")
    @MethodSource("pairsAndChunkSizes")
    void callerReassemblesWhatTheUpstreamSaid(Dialect from, Dialect to, int chunkSize) {
        Transcript upstream = transcript(decode(from, stream(from)));

        String rendered = translate(from, to, stream(from), chunkSize, true);
        Transcript caller = transcript(decode(to, rendered));

        assertThat(caller.text()).isEqualTo(upstream.text());
        assertThat(caller.calls()).isEqualTo(upstream.calls());
        assertThat(caller.stopReason()).isEqualTo(StopReason.TOOL_USE).isEqualTo(upstream.stopReason());
        assertThat(caller.complete()).isTrue();
        assertThat(caller.thinking()).isEqualTo(to == Dialect.OPENAI_CHAT ? "" : upstream.thinking());
        assertThat(caller.usage().inputTokens()).isEqualTo(150);
        assertThat(caller.usage().cacheReadInputTokens()).isEqualTo(30);
        assertThat(caller.usage().outputTokens()).isEqualTo(upstream.usage().outputTokens());
    }

    @Test
    void upstreamTranscriptsDecodeToWellFormedCanonicalStreams() {
        for (Dialect dialect : Dialect.values()) {
            List<StreamEvent> events = decode(dialect, stream(dialect));

            assertThat(events.get(0)).as(dialect.wireName()).isInstanceOf(StreamEvent.MessageStart.class);
            assertThat(events.get(events.size() - 1)).isInstanceOf(StreamEvent.MessageStop.class);
            assertThat(events.get(events.size() - 2)).isInstanceOf(StreamEvent.MessageDelta.class);
            int open = -1;
            int nextIndex = 0;
            for (StreamEvent event : events) {
                if (event instanceof StreamEvent.TextStart || event instanceof StreamEvent.ToolCallStart
                        || event instanceof StreamEvent.ThinkingStart) {
                    assertThat(open).as("one block at a time").isEqualTo(-1);
                    open = nextIndex++;
                } else if (event instanceof StreamEvent.BlockStop stop) {
                    assertThat(stop.index()).isEqualTo(open);
                    open = -1;
                }
            }
            assertThat(open).isEqualTo(-1);
        }
    }

    @Test
    void chatUpstreamToAnthropicCaller() {
        String rendered = translate(Dialect.OPENAI_CHAT, Dialect.ANTHROPIC_MESSAGES, stream(Dialect.OPENAI_CHAT), 7,
                true);

        assertThat(eventTypes(rendered)).containsExactly("message_start", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        List<JsonNode> data = data(rendered);
        assertThat(data.get(0).at("/message/id").asText()).isEqualTo("chatcmpl-B9xQ2");
        assertThat(data.get(0).at("/message/model").asText()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(data.get(6)).isEqualTo(parse("""
                {"type":"content_block_start","index":1,
                 "content_block":{"type":"tool_use","id":"call_paris","name":"get_weather","input":{}}}
                """));
        assertThat(data.get(7)).isEqualTo(parse("""
                {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"ci"}}
                """));
        assertThat(data.get(15)).isEqualTo(parse("""
                {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},
                 "usage":{"input_tokens":120,"cache_creation_input_tokens":0,"cache_read_input_tokens":30,
                          "output_tokens":42}}
                """));
    }

    @Test
    void anthropicUpstreamToChatCaller() {
        String rendered = translate(Dialect.ANTHROPIC_MESSAGES, Dialect.OPENAI_CHAT,
                stream(Dialect.ANTHROPIC_MESSAGES), 7, true);

        assertThat(eventTypes(rendered)).containsExactly("role", "content", "content", "content", "tool_call:0",
                "arguments:0", "arguments:0", "finish:tool_use".replace("tool_use", "tool_calls"), "usage",
                "[DONE]");
        List<JsonNode> data = data(rendered);
        assertThat(data.get(0)).isEqualTo(parse("""
                {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","object":"chat.completion.chunk","created":1732000500,
                 "model":"claude-sonnet-4-5-20250929",
                 "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}
                """));
        assertThat(data.get(4).at("/choices/0/delta/tool_calls/0")).isEqualTo(parse("""
                {"index":0,"id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","type":"function",
                 "function":{"name":"get_weather","arguments":""}}
                """));
        assertThat(data.get(8).path("choices")).isEmpty();
        assertThat(data.get(8).path("usage")).isEqualTo(parse("""
                {"prompt_tokens":150,"completion_tokens":64,"total_tokens":214,
                 "prompt_tokens_details":{"cached_tokens":30},"completion_tokens_details":{"reasoning_tokens":0}}
                """));
    }

    @Test
    void chatCallerWithoutIncludeUsageGetsNoUsageChunk() {
        String rendered = translate(Dialect.ANTHROPIC_MESSAGES, Dialect.OPENAI_CHAT,
                stream(Dialect.ANTHROPIC_MESSAGES), 4096, false);

        assertThat(eventTypes(rendered)).doesNotContain("usage").endsWith("finish:tool_calls", "[DONE]");
    }

    @Test
    void anthropicUpstreamToResponsesCaller() {
        String rendered = translate(Dialect.ANTHROPIC_MESSAGES, Dialect.OPENAI_RESPONSES,
                stream(Dialect.ANTHROPIC_MESSAGES), 7, true);

        assertThat(eventTypes(rendered)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed");
        List<JsonNode> data = data(rendered);
        for (int i = 0; i < data.size(); i++) {
            assertThat(data.get(i).path("sequence_number").asInt()).isEqualTo(i);
        }
        assertThat(data.get(11)).isEqualTo(
                parse("""
                        {"type":"response.output_text.delta","sequence_number":11,"item_id":"msg_msg_01XFDUDYJgAACzvnptvVoYEL_1",
                         "output_index":1,"content_index":0,"delta":"Checking","logprobs":[]}
                        """));
        JsonNode completed = data.get(data.size() - 1).path("response");
        assertThat(completed.path("id").asText()).isEqualTo("resp_msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("output")).hasSize(3);
        assertThat(completed.at("/output/2")).isEqualTo(
                parse("""
                        {"id":"fc_msg_01XFDUDYJgAACzvnptvVoYEL_2","type":"function_call","status":"completed",
                         "arguments":"{\\"city\\": \\"Paris\\"}","call_id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather"}
                        """));
        assertThat(completed.path("usage")).isEqualTo(parse("""
                {"input_tokens":150,"input_tokens_details":{"cached_tokens":30},"output_tokens":64,
                 "output_tokens_details":{"reasoning_tokens":0},"total_tokens":214}
                """));
    }

    @Test
    void responsesUpstreamToAnthropicCaller() {
        String rendered = translate(Dialect.OPENAI_RESPONSES, Dialect.ANTHROPIC_MESSAGES,
                stream(Dialect.OPENAI_RESPONSES), 7, true);

        assertThat(eventTypes(rendered)).containsExactly("message_start", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(data(rendered).get(1).path("content_block")).isEqualTo(parse("""
                {"type":"thinking","thinking":"","signature":""}
                """));
    }

    @Test
    void responsesUpstreamToChatCaller() {
        String rendered = translate(Dialect.OPENAI_RESPONSES, Dialect.OPENAI_CHAT, stream(Dialect.OPENAI_RESPONSES),
                7, true);

        assertThat(eventTypes(rendered)).containsExactly("role", "content", "content", "content", "tool_call:0",
                "arguments:0", "arguments:0", "finish:tool_calls", "usage", "[DONE]");
    }

    @Test
    void chatUpstreamToResponsesCallerNumbersParallelCallsAsSeparateItems() {
        String rendered = translate(Dialect.OPENAI_CHAT, Dialect.OPENAI_RESPONSES, stream(Dialect.OPENAI_CHAT), 7,
                true);

        List<JsonNode> added = data(rendered).stream()
                .filter(d -> d.path("type").asText().equals("response.output_item.added"))
                .toList();
        assertThat(added).extracting(d -> d.at("/item/type").asText() + "@" + d.path("output_index").asInt())
                .containsExactly("message@0", "function_call@1", "function_call@2");
        assertThat(added.get(2).at("/item/call_id").asText()).isEqualTo("call_tokyo");
    }

    @Test
    void sameDialectTranslationKeepsTheEventSequence() {
        for (Dialect dialect : Dialect.values()) {
            List<String> upstreamTypes = new ArrayList<>(eventTypes(stream(dialect)));
            if (dialect == Dialect.ANTHROPIC_MESSAGES) {
                // the empty input_json_delta that opens Anthropic's tool block carries nothing and is not repeated
                upstreamTypes.remove(upstreamTypes.lastIndexOf("content_block_start") + 1);
            }

            String rendered = translate(dialect, dialect, stream(dialect), 7, true);

            assertThat(eventTypes(rendered)).as(dialect.wireName()).isEqualTo(upstreamTypes);
        }
    }

    @Test
    void maxTokensEndsAResponsesStreamAsIncomplete() {
        String anthropic = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","model":"c","usage":{"input_tokens":5,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"cut"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":9}}

                event: message_stop
                data: {"type":"message_stop"}

                """;

        String responses = translate(Dialect.ANTHROPIC_MESSAGES, Dialect.OPENAI_RESPONSES, anthropic, 5, true);
        String chat = translate(Dialect.ANTHROPIC_MESSAGES, Dialect.OPENAI_CHAT, anthropic, 5, true);

        JsonNode last = data(responses).get(data(responses).size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("response.incomplete");
        assertThat(last.at("/response/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(eventTypes(chat)).contains("finish:length");
    }

    @Test
    void upstreamErrorEventsReachTheCallerInItsDialect() {
        String anthropic = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","model":"c","usage":{"input_tokens":5,"output_tokens":1}}}

                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                """;

        JsonNode chatError = data(translate(Dialect.ANTHROPIC_MESSAGES, Dialect.OPENAI_CHAT, anthropic, 9, true))
                .get(1);
        JsonNode responsesError = data(translate(Dialect.ANTHROPIC_MESSAGES, Dialect.OPENAI_RESPONSES, anthropic, 9,
                true)).get(2);

        assertThat(chatError)
                .isEqualTo(parse("{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}"));
        assertThat(responsesError.path("type").asText()).isEqualTo("error");
        assertThat(responsesError.path("code").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void truncatedUpstreamIsReportedAsUnfinished() {
        String chat = stream(Dialect.OPENAI_CHAT);
        String cut = chat.substring(0, chat.indexOf("\"finish_reason\":\"tool_calls\""));
        cut = cut.substring(0, cut.lastIndexOf("data: "));

        try (SseTranslator translator = new SseTranslator(CodecFixtures.codec(Dialect.OPENAI_CHAT),
                CodecFixtures.codec(Dialect.ANTHROPIC_MESSAGES), true)) {
            String rendered = translator.feed(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + translator.end();

            assertThat(translator.finished()).isFalse();
            assertThat(eventTypes(rendered)).doesNotContain("message_stop");
        }
    }

    @Test
    void chatStreamWithoutDoneStillCompletesWhenItSaidWhyItStopped() {
        String chat = stream(Dialect.OPENAI_CHAT).replace("data: [DONE]\n\n", "");

        try (SseTranslator translator = new SseTranslator(CodecFixtures.codec(Dialect.OPENAI_CHAT),
                CodecFixtures.codec(Dialect.ANTHROPIC_MESSAGES), true)) {
            String rendered = translator.feed(chat.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + translator.end();

            assertThat(translator.finished()).isTrue();
            assertThat(translator.stopReason()).isEqualTo(StopReason.TOOL_USE);
            assertThat(translator.usage()).isEqualTo(CanonicalUsage.of(150, 42, 0, 30, 0));
            assertThat(eventTypes(rendered)).endsWith("message_delta", "message_stop");
        }
    }

    @Test
    void interleavedChatToolFragmentsReachTheRightCallForChatCallers() {
        String chat = """
                data: {"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"f","arguments":"{\\"x\\""}}]}}]}

                data: {"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"b","function":{"name":"g","arguments":"{}"}}]}}]}

                data: {"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":":1}"}}]}}]}

                data: {"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

                data: [DONE]

                """;

        Transcript caller = transcript(decode(Dialect.OPENAI_CHAT, translate(Dialect.OPENAI_CHAT,
                Dialect.OPENAI_CHAT, chat, 11, false)));

        assertThat(caller.calls()).extracting(c -> c.id() + " " + c.arguments())
                .containsExactly("a {\"x\":1}", "b {}");
    }

    @Test
    void translatorFlushesEveryCompleteEventImmediately() {
        byte[] anthropic = stream(Dialect.ANTHROPIC_MESSAGES).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String firstEvent = stream(Dialect.ANTHROPIC_MESSAGES).substring(0,
                stream(Dialect.ANTHROPIC_MESSAGES).indexOf("\r\n\r\n") + 4);

        try (SseTranslator translator = new SseTranslator(CodecFixtures.codec(Dialect.ANTHROPIC_MESSAGES),
                CodecFixtures.codec(Dialect.OPENAI_CHAT), true)) {
            String afterFirst = translator.feed(java.util.Arrays.copyOf(anthropic, firstEvent.length()));

            assertThat(eventTypes(afterFirst)).containsExactly("role");
        }
    }

    private static List<JsonNode> data(String sse) {
        return CodecFixtures.sseEvents(sse, 4096)
                .stream()
                .filter(e -> !e.data().equals("[DONE]"))
                .map(e -> (JsonNode) parse(e.data()))
                .toList();
    }
}
