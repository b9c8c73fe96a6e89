package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.CodecFixtures.parse;
import static dev.switchboard.model.codec.InvalidRequests.assertInvalid;
import static dev.switchboard.model.codec.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.switchboard.model.canonical.OutputCap;
import dev.switchboard.model.canonical.Reasoning;
import dev.switchboard.model.canonical.ReasoningEffort;
import dev.switchboard.model.canonical.Role;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.ToolArguments;
import dev.switchboard.model.canonical.ToolChoice;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.error.GatewayError;

class AnthropicMessagesCodecTest {

    private final DialectCodec codec = CodecFixtures.codec(Dialect.ANTHROPIC_MESSAGES);

    @Test
    void decodesEveryPartOfARichRequest() {
        CanonicalRequest request = codec.decodeRequest(CodecFixtures.request(Dialect.ANTHROPIC_MESSAGES));

        ContentPart.Text system = (ContentPart.Text) request.instructions().get(0);
        assertThat(system.text()).isEqualTo("You are a careful travel assistant.");
        assertThat(system.extensions().get(Dialect.ANTHROPIC_MESSAGES, "cache_control")).isNotNull();
        assertThat(request.messages()).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.USER);
        List<ContentPart> assistant = request.messages().get(1).parts();
        assertThat(assistant.get(0)).isEqualTo(new ContentPart.Thinking("Need both cities.",
                "EqQBCgIYAhIM1gbcDa9GJwZA2b3h", null));
        assertThat(((ContentPart.ToolCall) assistant.get(2)).arguments().json()).isEqualTo("{\"city\":\"Paris\"}");
        List<ContentPart> user = request.messages().get(2).parts();
        assertThat(user.get(1)).isEqualTo(new ContentPart.ToolResult("toolu_tokyo",
                List.of(ContentPart.Text.of("24C, sunny")), false, null));
        assertThat(((ContentPart.Image) user.get(3)).source())
                .isEqualTo(new ImageSource.Base64("image/png", "iVBORw0KGgoAAAANSUhEUg=="));
        assertThat(request.toolChoice()).isEqualTo(ToolChoice.AUTO);
        assertThat(request.parallelToolCalls()).isFalse();
        assertThat(request.reasoning()).isEqualTo(Reasoning.ofBudget(8192));
        assertThat(request.reasoning().effectiveEffort()).isEqualTo(ReasoningEffort.MEDIUM);
        assertThat(request.outputCap()).isEqualTo(new OutputCap(20000, CapField.MAX_TOKENS));
        assertThat(request.user()).isEqualTo("user-42");
        assertThat(request.extensions().fields().fieldNames()).toIterable().containsExactly("top_k");
    }

    @Test
    void sameDialectRoundTripReproducesTheBody() {
        ObjectNode body = CodecFixtures.request(Dialect.ANTHROPIC_MESSAGES);

        ObjectNode encoded = codec.encodeRequest(codec.decodeRequest(body));

        // The only rewrite: a single-text tool result and a false is_error are written in their short form.
        ObjectNode tokyo = (ObjectNode) body.path("messages").get(2).path("content").get(1);
        tokyo.put("content", "24C, sunny");
        tokyo.remove("is_error");
        assertJsonEquals(encoded, body);
    }

    @Test
    void unknownBlocksToolsAndFieldsTravelVerbatim() {
        ObjectNode body = parse(
                """
                        {"model":"m","max_tokens":10,"service_tier":"auto","metadata":{"user_id":"u","tenant":"t"},
                         "thinking":{"type":"adaptive"},
                         "messages":[{"role":"user","content":[
                             {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}},
                             {"type":"image","source":{"type":"file","file_id":"file_1"}},
                             {"type":"text","text":"summarise","citations":null}]},
                           {"role":"assistant","content":[{"type":"redacted_thinking","data":"EmwKAhgB"},
                             {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"q"}},
                             {"type":"text","text":"done"}]}],
                         "tools":[{"type":"bash_20250124","name":"bash"},{"type":"custom","name":"f","input_schema":{"type":"object"}}]}
                        """);

        assertJsonEquals(codec.encodeRequest(codec.decodeRequest(body)), body);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {"{\"max_tokens\":1}|messages",
            "{\"max_tokens\":1,\"messages\":[]}|messages",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|max_tokens",
            "{\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|max_tokens",
            "{\"max_tokens\":1,\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}|messages[0].role",
            "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\"}]}|messages[0].content",
            "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}|messages[0].content[0].type",
            "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}|messages[0].content[0].text",
            "{\"max_tokens\":1,\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"name\":\"f\",\"input\":{}}]}]}|messages[0].content[0].id",
            "{\"max_tokens\":1,\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":\"{}\"}]}]}|messages[0].content[0].input",
            "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\"}]}]}|messages[0].content[0].tool_use_id",
            "{\"max_tokens\":1,\"system\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|system",
            "{\"max_tokens\":1,\"system\":[{\"type\":\"image\"}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|system[0].type",
            "{\"max_tokens\":1,\"tools\":[{\"name\":\"f\"}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tools[0].input_schema",
            "{\"max_tokens\":1,\"tools\":[{\"input_schema\":{}}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tools[0].name",
            "{\"max_tokens\":1,\"tool_choice\":{\"type\":\"maybe\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tool_choice.type",
            "{\"max_tokens\":1,\"tool_choice\":{\"type\":\"tool\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tool_choice.name",
            "{\"max_tokens\":1,\"thinking\":{\"type\":\"enabled\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|thinking.budget_tokens",
            "{\"max_tokens\":1,\"stop_sequences\":\"END\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|stop_sequences",
            "{\"max_tokens\":1,\"metadata\":{\"user_id\":1},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|metadata.user_id"})
    void invalidRequestsNameTheField(String body, String field) {
        assertInvalid(codec, body, field);
    }

    @Test
    void stopSequencesAreAnArray() {
        CanonicalRequest request = codec.decodeRequest(parse("""
                {"max_tokens":1,"stop_sequences":["a","b"],"messages":[{"role":"user","content":"x"}]}
                """));
        assertThat(request.stopSequences()).containsExactly("a", "b");
    }

    @Test
    void decodesAResponseWithCacheUsage() {
        CanonicalResponse response = codec.decodeResponse(CodecFixtures.response(Dialect.ANTHROPIC_MESSAGES));

        assertThat(response.output()).hasSize(4);
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage().inputTokens()).as("uncached + cache reads + cache writes").isEqualTo(150);
        assertThat(response.usage().cacheReadInputTokens()).isEqualTo(30);
        assertThat(response.usage().uncachedInputTokens()).isEqualTo(120);
    }

    @Test
    void responseRoundTripReproducesTheBody() {
        ObjectNode body = CodecFixtures.response(Dialect.ANTHROPIC_MESSAGES);

        assertJsonEquals(codec.encodeResponse(codec.decodeResponse(body)), body);
    }

    @Test
    void toolIdsFromOtherServersAreMadeAcceptable() {
        CanonicalRequest request = CanonicalRequest.builder()
                .messages(List.of(
                        Message.of(Role.ASSISTANT,
                                new ContentPart.ToolCall("functions.get_weather:0", "get_weather",
                                        ToolArguments.ofJson("{}"), null)),
                        Message.of(Role.TOOL, new ContentPart.ToolResult("functions.get_weather:0",
                                List.of(ContentPart.Text.of("ok")), false, null))))
                .build();

        ObjectNode encoded = codec.encodeRequest(request);

        assertThat(encoded.at("/messages/0/content/0/id").asText()).isEqualTo("functions_get_weather_0");
        assertThat(encoded.at("/messages/1/content/0/tool_use_id").asText()).isEqualTo("functions_get_weather_0");
        assertThat(encoded.path("max_tokens").asInt()).isEqualTo(AnthropicMessagesCodec.DEFAULT_MAX_TOKENS);
    }

    @Test
    void toolArgumentsThatAreNotAnObjectCannotBeTranslated() {
        CanonicalRequest request = CanonicalRequest.builder()
                .messages(List.of(Message.of(Role.ASSISTANT,
                        new ContentPart.ToolCall("c", "f", ToolArguments.ofJson("[1,2"), null))))
                .build();

        assertThatThrownBy(() -> codec.encodeRequest(request)).isInstanceOfSatisfying(GatewayError.Failure.class,
                failure -> assertThat(failure.error().details()).containsEntry("field", "messages[0]"));
    }

    @Test
    void effortBecomesABudgetThatFitsTheCap() {
        CanonicalRequest.Builder base = CanonicalRequest.builder()
                .messages(List.of(Message.text(Role.USER, "x")))
                .reasoning(Reasoning.ofEffort(ReasoningEffort.HIGH))
                .temperature(0.3);

        ObjectNode uncapped = codec.encodeRequest(base.build());
        assertThat(uncapped.at("/thinking/budget_tokens").asInt()).isEqualTo(16384);
        assertThat(uncapped.path("max_tokens").asInt()).isEqualTo(16384 + AnthropicMessagesCodec.DEFAULT_MAX_TOKENS);
        assertThat(uncapped.has("temperature")).as("Anthropic refuses sampling changes with thinking").isFalse();

        ObjectNode capped = codec.encodeRequest(base.outputCap(new OutputCap(5000, CapField.MAX_OUTPUT_TOKENS))
                .build());
        assertThat(capped.at("/thinking/budget_tokens").asInt()).isEqualTo(4999);
        assertThat(capped.path("max_tokens").asInt()).isEqualTo(5000);

        ObjectNode tooSmall = codec.encodeRequest(base.outputCap(new OutputCap(800, CapField.MAX_TOKENS)).build());
        assertThat(tooSmall.has("thinking")).isFalse();
        assertThat(tooSmall.path("temperature").asDouble()).isEqualTo(0.3);

        ObjectNode forcedTool = codec.encodeRequest(base.outputCap(null).toolChoice(ToolChoice.REQUIRED).build());
        assertThat(forcedTool.has("thinking")).as("thinking is incompatible with forced tool use").isFalse();
    }

    @Test
    void noThinkingWhenTheToolTurnToContinueIsUnsigned() {
        CanonicalRequest request = CanonicalRequest.builder()
                .reasoning(Reasoning.ofEffort(ReasoningEffort.LOW))
                .messages(List.of(Message.text(Role.USER, "x"),
                        Message.of(Role.ASSISTANT, new ContentPart.Thinking("unsigned", null, null),
                                new ContentPart.ToolCall("c", "f", ToolArguments.EMPTY, null)),
                        Message.of(Role.TOOL, new ContentPart.ToolResult("c", List.of(ContentPart.Text.of("r")),
                                false, null))))
                .build();

        ObjectNode encoded = codec.encodeRequest(request);

        assertThat(encoded.has("thinking")).isFalse();
        assertThat(encoded.at("/messages/1/content")).hasSize(1);
    }

    @Test
    void hoistsSystemAndDeveloperTurnsAndMergesToolResultsIntoOneUserTurn() {
        CanonicalRequest request = CanonicalRequest.builder()
                .instructions(List.of(ContentPart.Text.of("base")))
                .messages(List.of(Message.text(Role.DEVELOPER, "dev rule"), Message.text(Role.USER, "q"),
                        Message.of(Role.ASSISTANT, ContentPart.Text.of(""),
                                new ContentPart.ToolCall("a", "f", ToolArguments.EMPTY, null),
                                new ContentPart.ToolCall("b", "f", ToolArguments.EMPTY, null)),
                        Message.of(Role.TOOL, new ContentPart.ToolResult("a", List.of(ContentPart.Text.of("1")),
                                true, null)),
                        Message.of(Role.TOOL, new ContentPart.ToolResult("b", List.of(), false, null)),
                        Message.text(Role.USER, "thanks"), Message.text(Role.SYSTEM, "late rule")))
                .build();

        assertJsonEquals(codec.encodeRequest(request),
                parse("""
                        {"max_tokens":4096,
                         "system":[{"type":"text","text":"base"},{"type":"text","text":"dev rule"},{"type":"text","text":"late rule"}],
                         "messages":[{"role":"user","content":"q"},
                           {"role":"assistant","content":[{"type":"tool_use","id":"a","name":"f","input":{}},
                                                          {"type":"tool_use","id":"b","name":"f","input":{}}]},
                           {"role":"user","content":[{"type":"tool_result","tool_use_id":"a","content":"1","is_error":true},
                                                     {"type":"tool_result","tool_use_id":"b"},
                                                     {"type":"text","text":"thanks"}]}]}
                        """));
    }
}
