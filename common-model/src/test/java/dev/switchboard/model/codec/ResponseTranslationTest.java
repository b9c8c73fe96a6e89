package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.CodecFixtures.codec;
import static dev.switchboard.model.codec.CodecFixtures.parse;
import static dev.switchboard.model.codec.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.dialect.Dialect;

/** Non-streaming answers of each dialect, rendered in every dialect. */
class ResponseTranslationTest {

    /** What a client takes from an answer. */
    record Answer(String text, String thinking, List<String> toolCalls, StopReason stopReason, long inputTokens,
            long outputTokens, long cacheReadTokens) {

        static Answer of(CanonicalResponse response, boolean withThinking) {
            StringBuilder thinking = new StringBuilder();
            List<String> calls = new ArrayList<>();
            for (ContentPart part : response.output()) {
                if (part instanceof ContentPart.Thinking t && withThinking) {
                    thinking.append(t.text());
                } else if (part instanceof ContentPart.ToolCall call) {
                    calls.add(call.id() + " " + call.name() + " " + call.arguments().node());
                }
            }
            CanonicalUsage usage = response.usage();
            return new Answer(response.text(), thinking.toString(), calls, response.stopReason(), usage.inputTokens(),
                    usage.outputTokens(), usage.cacheReadInputTokens());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dev.switchboard.model.codec.RequestTranslationTest#pairs")
    void answersKeepTextToolCallsStopReasonAndUsage(Dialect from, Dialect to) {
        CanonicalResponse original = codec(from).decodeResponse(CodecFixtures.response(from));

        ObjectNode rendered = codec(to).encodeResponse(original);
        CanonicalResponse decodedAgain = codec(to).decodeResponse(rendered);

        boolean thinkingRepresentable = to != Dialect.OPENAI_CHAT;
        assertThat(Answer.of(decodedAgain, thinkingRepresentable)).isEqualTo(Answer.of(original,
                thinkingRepresentable));
        assertThat(original.stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void anthropicAnswerForAChatCaller() {
        CanonicalResponse anthropic = codec(Dialect.ANTHROPIC_MESSAGES)
                .decodeResponse(CodecFixtures.response(Dialect.ANTHROPIC_MESSAGES));

        assertJsonEquals(codec(Dialect.OPENAI_CHAT).encodeResponse(anthropic),
                parse("""
                        {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","object":"chat.completion","created":1732000500,
                         "model":"claude-sonnet-4-5-20250929",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"Let me check both cities.","refusal":null,
                           "tool_calls":[
                             {"id":"toolu_paris","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                             {"id":"toolu_tokyo","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Tokyo\\"}"}}]},
                           "logprobs":null,"finish_reason":"tool_calls"}],
                         "usage":{"prompt_tokens":150,"completion_tokens":42,"total_tokens":192,
                                  "prompt_tokens_details":{"cached_tokens":30},"completion_tokens_details":{"reasoning_tokens":0}}}
                        """));
    }

    @Test
    void chatAnswerForAnAnthropicCaller() {
        CanonicalResponse chat = codec(Dialect.OPENAI_CHAT).decodeResponse(CodecFixtures.response(Dialect.OPENAI_CHAT));

        assertJsonEquals(codec(Dialect.ANTHROPIC_MESSAGES).encodeResponse(chat), parse("""
                {"id":"chatcmpl-B9xQ2","type":"message","role":"assistant","model":"gpt-4o-2024-08-06",
                 "content":[{"type":"text","text":"Let me check both cities."},
                            {"type":"tool_use","id":"call_paris","name":"get_weather","input":{"city":"Paris"}},
                            {"type":"tool_use","id":"call_tokyo","name":"get_weather","input":{"city":"Tokyo"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":120,"cache_creation_input_tokens":0,"cache_read_input_tokens":30,
                          "output_tokens":42}}
                """));
    }

    @Test
    void truncatedAnswersStayTruncatedEverywhere() {
        CanonicalResponse anthropic = codec(Dialect.ANTHROPIC_MESSAGES).decodeResponse(parse("""
                {"id":"msg_1","type":"message","model":"c","content":[{"type":"text","text":"cut"}],
                 "stop_reason":"max_tokens","usage":{"input_tokens":3,"output_tokens":9}}
                """));

        assertThat(codec(Dialect.OPENAI_CHAT).encodeResponse(anthropic).at("/choices/0/finish_reason").asText())
                .isEqualTo("length");
        ObjectNode responses = codec(Dialect.OPENAI_RESPONSES).encodeResponse(anthropic);
        assertThat(responses.path("status").asText()).isEqualTo("incomplete");
        assertThat(responses.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
    }

    @Test
    void stopSequenceIsKeptForAnthropicAndReadsAsStopForChat() {
        CanonicalResponse anthropic = codec(Dialect.ANTHROPIC_MESSAGES).decodeResponse(parse("""
                {"id":"msg_1","type":"message","model":"c","content":[{"type":"text","text":"a"}],
                 "stop_reason":"stop_sequence","stop_sequence":"END","usage":{"input_tokens":1,"output_tokens":1}}
                """));

        assertThat(anthropic.stopSequence()).isEqualTo("END");
        assertThat(codec(Dialect.ANTHROPIC_MESSAGES).encodeResponse(anthropic).path("stop_sequence").asText())
                .isEqualTo("END");
        assertThat(codec(Dialect.OPENAI_CHAT).encodeResponse(anthropic).at("/choices/0/finish_reason").asText())
                .isEqualTo("stop");
    }

    @Test
    void refusalsTravelAsRefusalOrText() {
        CanonicalResponse chat = codec(Dialect.OPENAI_CHAT).decodeResponse(parse("""
                {"id":"c","model":"m","choices":[{"index":0,"finish_reason":"stop",
                  "message":{"role":"assistant","content":null,"refusal":"I can't help with that."}}]}
                """));

        assertThat(codec(Dialect.OPENAI_RESPONSES).encodeResponse(chat).at("/output/0/content/0")).isEqualTo(parse(
                "{\"type\":\"refusal\",\"refusal\":\"I can't help with that.\"}"));
        assertThat(codec(Dialect.ANTHROPIC_MESSAGES).encodeResponse(chat).at("/content/0/text").asText())
                .isEqualTo("I can't help with that.");
    }

    @Test
    void unreportedUsageIsNotInvented() {
        CanonicalResponse chat = codec(Dialect.OPENAI_CHAT).decodeResponse(parse("""
                {"id":"c","model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"content":"x"}}]}
                """));

        assertThat(codec(Dialect.OPENAI_CHAT).encodeResponse(chat).has("usage")).isFalse();
        assertThat(codec(Dialect.OPENAI_RESPONSES).encodeResponse(chat).path("usage").isNull()).isTrue();
    }
}
