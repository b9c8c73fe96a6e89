package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.CodecFixtures.codec;
import static dev.switchboard.model.codec.CodecFixtures.parse;
import static dev.switchboard.model.codec.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.Message;
import dev.switchboard.model.canonical.ReasoningEffort;
import dev.switchboard.model.canonical.Role;
import dev.switchboard.model.dialect.Dialect;

/** The rich request of each dialect, translated into every dialect. */
class RequestTranslationTest {

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Dialect from : Dialect.values()) {
            for (Dialect to : Dialect.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void translationKeepsWhatTheTargetCanExpress(Dialect from, Dialect to) {
        CanonicalRequest original = codec(from).decodeRequest(CodecFixtures.request(from));

        ObjectNode translated = codec(to).encodeRequest(original);
        CanonicalRequest decodedAgain = codec(to).decodeRequest(translated);

        assertThat(RequestMeaning.of(decodedAgain, to)).isEqualTo(RequestMeaning.of(original, to));
        assertThat(decodedAgain.source()).isEqualTo(to);
        if (from != to) {
            assertThat(decodedAgain.extensions().isEmpty())
                    .as("another dialect's unknown fields never leak into %s", to)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void reasoningSurvivesWhereTheTargetCanAcceptIt(Dialect from, Dialect to) {
        CanonicalRequest original = codec(from).decodeRequest(CodecFixtures.request(from));

        CanonicalRequest decodedAgain = codec(to).decodeRequest(codec(to).encodeRequest(original));

        boolean unsignedToolTurnToAnthropic = to == Dialect.ANTHROPIC_MESSAGES && from != to;
        if (unsignedToolTurnToAnthropic) {
            // The fixtures continue a tool turn; without Anthropic's signature, thinking must stay off.
            assertThat(decodedAgain.reasoning()).isNull();
            assertThat(decodedAgain.temperature()).isEqualTo(original.temperature());
        } else {
            assertThat(decodedAgain.reasoning().effectiveEffort()).isEqualTo(ReasoningEffort.MEDIUM);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void thinkingIsOnlyReplayedToTheDialectThatProducedIt(Dialect from, Dialect to) {
        CanonicalRequest original = codec(from).decodeRequest(CodecFixtures.request(from));

        CanonicalRequest decodedAgain = codec(to).decodeRequest(codec(to).encodeRequest(original));

        long thinkingBefore = thinkingParts(original);
        long thinkingAfter = thinkingParts(decodedAgain);
        if (from == to) {
            assertThat(thinkingAfter).isEqualTo(thinkingBefore);
        } else {
            assertThat(thinkingAfter).isZero();
        }
    }

    private static long thinkingParts(CanonicalRequest request) {
        return request.messages()
                .stream()
                .flatMap(m -> m.parts().stream())
                .filter(ContentPart.Thinking.class::isInstance)
                .count();
    }

    @Test
    void chatToAnthropicWireShape() {
        CanonicalRequest chat = codec(Dialect.OPENAI_CHAT).decodeRequest(CodecFixtures.request(Dialect.OPENAI_CHAT));

        ObjectNode anthropic = codec(Dialect.ANTHROPIC_MESSAGES).encodeRequest(chat);

        assertJsonEquals(anthropic,
                parse("""
                        {"model":"smart",
                         "system":"You are a careful travel assistant.",
                         "messages":[
                           {"role":"user","content":[
                             {"type":"text","text":"What is the weather in Paris and Tokyo? Here is a photo."},
                             {"type":"image","source":{"type":"url","url":"https://example.com/paris.jpg"}}]},
                           {"role":"assistant","content":[
                             {"type":"text","text":"Let me check both cities."},
                             {"type":"tool_use","id":"call_paris","name":"get_weather","input":{"city":"Paris"}},
                             {"type":"tool_use","id":"call_tokyo","name":"get_weather","input":{"city":"Tokyo","unit":"celsius"}}]},
                           {"role":"user","content":[
                             {"type":"tool_result","tool_use_id":"call_paris","content":"18C, light rain"},
                             {"type":"tool_result","tool_use_id":"call_tokyo","content":"24C, sunny"},
                             {"type":"text","text":"Compare with this chart."},
                             {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUg=="}}]}],
                         "max_tokens":20000,
                         "temperature":0.4,
                         "top_p":0.9,
                         "stop_sequences":["END"],
                         "stream":true,
                         "tools":[{"name":"get_weather","description":"Current weather for a city",
                                   "input_schema":{"type":"object","properties":{"city":{"type":"string"},
                                     "unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}}],
                         "tool_choice":{"type":"auto","disable_parallel_tool_use":true},
                         "metadata":{"user_id":"user-42"}}
                        """));
    }

    @Test
    void anthropicToResponsesWireShape() {
        CanonicalRequest anthropic = codec(Dialect.ANTHROPIC_MESSAGES)
                .decodeRequest(CodecFixtures.request(Dialect.ANTHROPIC_MESSAGES));

        ObjectNode responses = codec(Dialect.OPENAI_RESPONSES).encodeRequest(anthropic);

        assertJsonEquals(responses,
                parse("""
                        {"model":"smart",
                         "instructions":"You are a careful travel assistant.",
                         "input":[
                           {"type":"message","role":"user","content":[
                             {"type":"input_text","text":"What is the weather in Paris and Tokyo? Here is a photo."},
                             {"type":"input_image","image_url":"https://example.com/paris.jpg","detail":"auto"}]},
                           {"type":"message","role":"assistant","content":[
                             {"type":"output_text","text":"Let me check both cities.","annotations":[]}]},
                           {"type":"function_call","call_id":"toolu_paris","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
                           {"type":"function_call","call_id":"toolu_tokyo","name":"get_weather",
                            "arguments":"{\\"city\\":\\"Tokyo\\",\\"unit\\":\\"celsius\\"}"},
                           {"type":"function_call_output","call_id":"toolu_paris","output":"18C, light rain"},
                           {"type":"function_call_output","call_id":"toolu_tokyo","output":"24C, sunny"},
                           {"type":"message","role":"user","content":[
                             {"type":"input_text","text":"Compare with this chart."},
                             {"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==","detail":"auto"}]}],
                         "tools":[{"type":"function","name":"get_weather","description":"Current weather for a city",
                                   "parameters":{"type":"object","properties":{"city":{"type":"string"},
                                     "unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]},
                                   "strict":false}],
                         "tool_choice":"auto",
                         "parallel_tool_calls":false,
                         "max_output_tokens":20000,
                         "stream":true,
                         "reasoning":{"effort":"medium"},
                         "user":"user-42"}
                        """));
    }

    @Test
    void responsesToChatWireShape() {
        CanonicalRequest responses = codec(Dialect.OPENAI_RESPONSES)
                .decodeRequest(CodecFixtures.request(Dialect.OPENAI_RESPONSES));

        ObjectNode chat = codec(Dialect.OPENAI_CHAT).encodeRequest(responses);

        assertJsonEquals(chat,
                parse("""
                        {"model":"smart",
                         "messages":[
                           {"role":"system","content":"You are a careful travel assistant."},
                           {"role":"user","content":[
                             {"type":"text","text":"What is the weather in Paris and Tokyo? Here is a photo."},
                             {"type":"image_url","image_url":{"url":"https://example.com/paris.jpg","detail":"high"}}]},
                           {"role":"assistant","content":"Let me check both cities.","tool_calls":[
                             {"id":"call_paris","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                             {"id":"call_tokyo","type":"function","function":{"name":"get_weather",
                              "arguments":"{\\"city\\":\\"Tokyo\\",\\"unit\\":\\"celsius\\"}"}}]},
                           {"role":"tool","tool_call_id":"call_paris","content":"18C, light rain"},
                           {"role":"tool","tool_call_id":"call_tokyo","content":"24C, sunny"},
                           {"role":"user","content":[
                             {"type":"text","text":"Compare with this chart."},
                             {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==","detail":"auto"}}]}],
                         "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
                                   "parameters":{"type":"object","properties":{"city":{"type":"string"},
                                     "unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}}}],
                         "tool_choice":"auto",
                         "parallel_tool_calls":false,
                         "max_completion_tokens":20000,
                         "temperature":0.4,
                         "top_p":0.9,
                         "stream":true,
                         "stream_options":{"include_usage":true},
                         "response_format":{"type":"json_schema","json_schema":{"name":"weather_report","strict":true,
                           "schema":{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"],
                                     "additionalProperties":false}}},
                         "reasoning_effort":"medium",
                         "metadata":{"team":"travel"},
                         "user":"user-42"}
                        """));
    }

    @Test
    void chatToResponsesDropsStopSequencesAndRaisesTinyCaps() {
        ObjectNode chat = parse("""
                {"model":"m","max_tokens":5,"stop":"END","messages":[{"role":"user","content":"hi"}]}
                """);

        ObjectNode responses = codec(Dialect.OPENAI_RESPONSES)
                .encodeRequest(codec(Dialect.OPENAI_CHAT).decodeRequest(chat));

        assertJsonEquals(responses, parse("{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":16}"));
    }

    @Test
    void anthropicToChatUsesTheMaxTokensSpellingAndKeepsTheSystemAString() {
        CanonicalRequest anthropic = codec(Dialect.ANTHROPIC_MESSAGES)
                .decodeRequest(CodecFixtures.request(Dialect.ANTHROPIC_MESSAGES));

        ObjectNode chat = codec(Dialect.OPENAI_CHAT).encodeRequest(anthropic);

        assertThat(chat.path("max_tokens").asInt()).isEqualTo(20000);
        assertThat(chat.has("max_completion_tokens")).isFalse();
        assertThat(chat.at("/messages/0/content").asText()).isEqualTo("You are a careful travel assistant.");
        assertThat(chat.path("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(chat.has("top_k")).isFalse();
        assertThat(chat.at("/stream_options/include_usage").asBoolean()).as("usage is needed for accounting")
                .isTrue();
        assertThat(chat.at("/tools").size()).as("Anthropic's hosted web search has no Chat spelling").isEqualTo(1);
    }

    @Test
    void routingCanRetargetModelAndCapSpelling() {
        CanonicalRequest request = codec(Dialect.OPENAI_RESPONSES)
                .decodeRequest(parse("{\"model\":\"group\",\"input\":\"x\",\"max_output_tokens\":300}"));

        ObjectNode chat = codec(Dialect.OPENAI_CHAT).encodeRequest(request.withModel("gpt-4o-mini")
                .withOutputCap(new dev.switchboard.model.canonical.OutputCap(300,
                        dev.switchboard.model.canonical.CapField.MAX_TOKENS)));

        assertJsonEquals(chat, parse("""
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"max_tokens":300}
                """));
    }

    @Test
    void assistantTurnsWithOnlyForeignThinkingAreDropped() {
        CanonicalRequest request = CanonicalRequest.builder()
                .messages(List.of(Message.text(Role.USER, "a"),
                        Message.of(Role.ASSISTANT, new ContentPart.Thinking("hidden", "sig", null)),
                        Message.text(Role.USER, "b")))
                .build();

        ObjectNode chat = codec(Dialect.OPENAI_CHAT).encodeRequest(request);

        assertThat(chat.path("messages")).hasSize(2);
    }
}
