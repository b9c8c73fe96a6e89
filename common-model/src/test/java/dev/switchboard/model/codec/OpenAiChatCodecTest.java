package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.CodecFixtures.parse;
import static dev.switchboard.model.codec.InvalidRequests.assertInvalid;
import static dev.switchboard.model.codec.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.canonical.CapField;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.ImageSource;
import dev.switchboard.model.canonical.Message;
import dev.switchboard.model.canonical.OutputFormat;
import dev.switchboard.model.canonical.ReasoningEffort;
import dev.switchboard.model.canonical.Role;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.Tool;
import dev.switchboard.model.canonical.ToolChoice;
import dev.switchboard.model.dialect.Dialect;

class OpenAiChatCodecTest {

    private final DialectCodec codec = CodecFixtures.codec(Dialect.OPENAI_CHAT);

    @Test
    void decodesEveryPartOfARichRequest() {
        CanonicalRequest request = codec.decodeRequest(CodecFixtures.request(Dialect.OPENAI_CHAT));

        assertThat(request.source()).isEqualTo(Dialect.OPENAI_CHAT);
        assertThat(request.model()).isEqualTo("smart");
        assertThat(request.instructions()).containsExactly(ContentPart.Text.of("You are a careful travel assistant."));
        assertThat(request.messages()).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.USER);
        Message user = request.messages().get(0);
        assertThat(user.parts().get(1)).isEqualTo(new ContentPart.Image(
                new ImageSource.Url("https://example.com/paris.jpg"), "high", null));
        Message assistant = request.messages().get(1);
        assertThat(assistant.parts()).hasSize(3);
        ContentPart.ToolCall tokyo = (ContentPart.ToolCall) assistant.parts().get(2);
        assertThat(tokyo.id()).isEqualTo("call_tokyo");
        assertThat(tokyo.arguments().node()).isEqualTo(parse("{\"city\":\"Tokyo\",\"unit\":\"celsius\"}"));
        assertThat(request.messages().get(2).parts()).containsExactly(new ContentPart.ToolResult("call_paris",
                List.of(ContentPart.Text.of("18C, light rain")), false, null));
        assertThat(request.tools()).singleElement().isInstanceOfSatisfying(Tool.FunctionTool.class, tool -> {
            assertThat(tool.name()).isEqualTo("get_weather");
            assertThat(tool.strict()).isFalse();
            assertThat(tool.parameters().path("required").get(0).asText()).isEqualTo("city");
        });
        assertThat(request.toolChoice()).isEqualTo(ToolChoice.AUTO);
        assertThat(request.parallelToolCalls()).isFalse();
        assertThat(request.outputCap().tokens()).isEqualTo(20000);
        assertThat(request.outputCap().field()).isEqualTo(CapField.MAX_COMPLETION_TOKENS);
        assertThat(request.temperature()).isEqualTo(0.4);
        assertThat(request.topP()).isEqualTo(0.9);
        assertThat(request.stopSequences()).containsExactly("END");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.outputFormat()).isInstanceOfSatisfying(OutputFormat.JsonSchema.class, format -> {
            assertThat(format.name()).isEqualTo("weather_report");
            assertThat(format.strict()).isTrue();
        });
        assertThat(request.reasoning().effort()).isEqualTo(ReasoningEffort.MEDIUM);
        assertThat(request.user()).isEqualTo("user-42");
        assertThat(request.metadata().path("team").asText()).isEqualTo("travel");
        assertThat(request.extensions().dialect()).isEqualTo(Dialect.OPENAI_CHAT);
        assertThat(request.extensions().fields().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("seed", "frequency_penalty");
    }

    @Test
    void sameDialectRoundTripReproducesTheBody() {
        ObjectNode body = CodecFixtures.request(Dialect.OPENAI_CHAT);

        assertJsonEquals(codec.encodeRequest(codec.decodeRequest(body)), body);
    }

    @Test
    void roundTripKeepsUnknownFieldsAtEveryLevel() {
        ObjectNode body = parse(
                """
                        {"model":"m","logit_bias":{"50256":-100},"n":2,"stream":true,"stream_options":{"include_usage":true,"x":1},
                         "messages":[
                           {"role":"system","content":"sys","name":"ops"},
                           {"role":"developer","content":"dev"},
                           {"role":"user","name":"alice","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}},
                                                                 {"type":"input_audio","input_audio":{"data":"AAA","format":"wav"}}]},
                           {"role":"assistant","content":null,"audio":{"id":"audio_1"},
                            "tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"},"x_extra":true},
                                          {"id":"c2","type":"custom","custom":{"name":"g","input":"raw"}}]},
                           {"role":"tool","tool_call_id":"c1","content":"ok","x_tool":1},
                           {"role":"function","name":"legacy","content":"42"}],
                         "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"},"x_fn":1}},
                                  {"type":"custom","custom":{"name":"g"}}],
                         "tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[]}},
                         "response_format":{"type":"text"}}
                        """);

        ObjectNode encoded = codec.encodeRequest(codec.decodeRequest(body));

        ObjectNode expected = body.deepCopy();
        expected.remove("response_format"); // explicit plain text is the default
        assertJsonEquals(encoded, expected);
    }

    @Test
    void bothCapFieldsSurviveARoundTrip() {
        ObjectNode body = parse("""
                {"model":"m","max_tokens":64,"max_completion_tokens":512,"messages":[{"role":"user","content":"x"}]}
                """);

        CanonicalRequest request = codec.decodeRequest(body);

        assertThat(request.outputCap().field()).as("max_tokens wins, as in ChatCompletions.inspect")
                .isEqualTo(CapField.MAX_TOKENS);
        assertJsonEquals(codec.encodeRequest(request), body);
    }

    @Test
    void laterSystemMessagesStayInTheConversation() {
        CanonicalRequest request = codec.decodeRequest(parse("""
                {"messages":[{"role":"system","content":"a"},{"role":"user","content":"u"},
                             {"role":"system","content":"b"}]}
                """));

        assertThat(request.instructions()).containsExactly(ContentPart.Text.of("a"));
        assertThat(request.messages()).extracting(Message::role).containsExactly(Role.USER, Role.SYSTEM);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {"{\"model\":\"m\"}|messages", "{\"messages\":[]}|messages",
            "{\"model\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|model",
            "{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}|messages[0].role",
            "{\"messages\":[{\"content\":\"x\"}]}|messages[0].role", "{\"messages\":[\"hi\"]}|messages[0]",
            "{\"messages\":[{\"role\":\"user\",\"content\":5}]}|messages[0].content",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}|messages[0].content[0].type",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}|messages[0].content[0].text",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]}|messages[0].content[0].image_url.url",
            "{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}|messages[0].tool_call_id",
            "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}]}|messages[0].tool_calls[0].id",
            "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":{}}]}]}|messages[0].tool_calls[0].function.name",
            "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":{}}}]}]}|messages[0].tool_calls[0].function.arguments",
            "{\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|stream",
            "{\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|max_tokens",
            "{\"max_completion_tokens\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|max_completion_tokens",
            "{\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|temperature",
            "{\"stop\":[1],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|stop[0]",
            "{\"tools\":{},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tools",
            "{\"tools\":[{\"type\":\"function\",\"function\":{}}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tools[0].function.name",
            "{\"tool_choice\":\"sometimes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tool_choice",
            "{\"tool_choice\":{\"type\":\"function\",\"function\":{}},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tool_choice.function.name",
            "{\"response_format\":{},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|response_format.type",
            "{\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{}},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|response_format.json_schema.name",
            "{\"reasoning_effort\":\"max\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|reasoning_effort",
            "{\"metadata\":[],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|metadata",
            "{\"stream_options\":{\"include_usage\":1},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|stream_options.include_usage"})
    void invalidRequestsNameTheField(String body, String field) {
        assertInvalid(codec, body, field);
    }

    @Test
    void decodesAResponse() {
        CanonicalResponse response = codec.decodeResponse(CodecFixtures.response(Dialect.OPENAI_CHAT));

        assertThat(response.id()).isEqualTo("chatcmpl-B9xQ2");
        assertThat(response.createdAt()).isEqualTo(1_732_000_000L);
        assertThat(response.text()).isEqualTo("Let me check both cities.");
        assertThat(response.output()).filteredOn(ContentPart.ToolCall.class::isInstance).hasSize(2);
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage().inputTokens()).isEqualTo(150);
        assertThat(response.usage().outputTokens()).isEqualTo(42);
        assertThat(response.usage().reasoningTokens()).isEqualTo(10);
        assertThat(response.usage().cacheReadInputTokens()).isEqualTo(30);
    }

    @Test
    void encodesAResponseAsTheSdkExpects() {
        ObjectNode encoded = codec.encodeResponse(codec.decodeResponse(CodecFixtures.response(Dialect.OPENAI_CHAT)));

        assertJsonEquals(encoded,
                parse("""
                        {"id":"chatcmpl-B9xQ2","object":"chat.completion","created":1732000000,"model":"gpt-4o-2024-08-06",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"Let me check both cities.","refusal":null,
                           "tool_calls":[
                             {"id":"call_paris","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                             {"id":"call_tokyo","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Tokyo\\"}"}}]},
                           "logprobs":null,"finish_reason":"tool_calls"}],
                         "usage":{"prompt_tokens":150,"completion_tokens":42,"total_tokens":192,
                                  "prompt_tokens_details":{"cached_tokens":30},"completion_tokens_details":{"reasoning_tokens":10}}}
                        """));
    }

    @Test
    void reasoningContentOfCompatibleServersBecomesThinking() {
        CanonicalResponse response = codec.decodeResponse(parse("""
                {"id":"x","model":"deepseek-reasoner","choices":[{"index":0,"finish_reason":"stop",
                  "message":{"role":"assistant","reasoning_content":"think first","content":"answer"}}]}
                """));

        assertThat(response.output()).containsExactly(new ContentPart.Thinking("think first", null, null),
                ContentPart.Text.of("answer"));
        assertThat(response.usage().reported()).isFalse();
    }

    @Test
    void responseWithoutChoicesIsAnUpstreamFailure() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decodeResponse(parse("{\"id\":\"x\"}")))
                .isInstanceOfSatisfying(dev.switchboard.model.error.GatewayError.Failure.class,
                        f -> assertThat(f.error().type().type()).isEqualTo("upstream-failed"));
    }
}
