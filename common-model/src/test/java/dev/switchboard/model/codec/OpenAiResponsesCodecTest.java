package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.CodecFixtures.parse;
import static dev.switchboard.model.codec.InvalidRequests.assertInvalid;
import static dev.switchboard.model.codec.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.canonical.CapField;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.Message;
import dev.switchboard.model.canonical.OutputFormat;
import dev.switchboard.model.canonical.ReasoningEffort;
import dev.switchboard.model.canonical.Role;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.Tool;
import dev.switchboard.model.dialect.Dialect;

class OpenAiResponsesCodecTest {

    private final DialectCodec codec = CodecFixtures.codec(Dialect.OPENAI_RESPONSES);

    @Test
    void regroupsInputItemsIntoTurns() {
        CanonicalRequest request = codec.decodeRequest(CodecFixtures.request(Dialect.OPENAI_RESPONSES));

        assertThat(request.instructions()).containsExactly(ContentPart.Text.of("You are a careful travel assistant."));
        assertThat(request.messages()).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.USER);
        Message assistant = request.messages().get(1);
        assertThat(assistant.parts()).hasSize(4);
        assertThat(assistant.parts().get(0)).isInstanceOfSatisfying(ContentPart.Thinking.class, thinking -> {
            assertThat(thinking.text()).isEqualTo("Need both cities.");
            assertThat(thinking.signature()).isNull();
            assertThat(thinking.extensions().get(Dialect.OPENAI_RESPONSES, "encrypted_content").asText())
                    .isEqualTo("gAAAAABo-opaque");
        });
        assertThat(assistant.parts().get(1)).isEqualTo(ContentPart.Text.of("Let me check both cities."));
        assertThat(assistant.extensions().get(Dialect.OPENAI_RESPONSES, "id").asText()).isEqualTo("msg_01");
        assertThat(((ContentPart.ToolCall) assistant.parts().get(3)).id()).isEqualTo("call_tokyo");
        assertThat(request.tools()).hasSize(2);
        assertThat(request.tools().get(0)).isInstanceOfSatisfying(Tool.FunctionTool.class,
                tool -> assertThat(tool.strict()).isFalse());
        assertThat(request.tools().get(1)).isInstanceOf(Tool.HostedTool.class);
        assertThat(request.outputCap().field()).isEqualTo(CapField.MAX_OUTPUT_TOKENS);
        assertThat(request.outputFormat()).isInstanceOf(OutputFormat.JsonSchema.class);
        assertThat(request.reasoning().effort()).isEqualTo(ReasoningEffort.MEDIUM);
        assertThat(request.reasoning().summary()).isEqualTo("auto");
        assertThat(request.includeUsage()).as("Responses always streams usage").isTrue();
        assertThat(request.extensions().fields().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("text", "store", "include");
    }

    @Test
    void sameDialectRoundTripReproducesTheBody() {
        ObjectNode body = CodecFixtures.request(Dialect.OPENAI_RESPONSES);

        ObjectNode encoded = codec.encodeRequest(codec.decodeRequest(body));

        // The only rewrite: easy input messages gain their explicit item type.
        for (JsonNode item : body.path("input")) {
            if (!item.has("type")) {
                ((ObjectNode) item).put("type", "message");
            }
        }
        assertJsonEquals(encoded, body);
    }

    @Test
    void functionsAreStrictUnlessTheCallerSaysOtherwise() {
        CanonicalRequest request = codec.decodeRequest(parse("""
                {"input":"hi","tools":[{"type":"function","name":"f","parameters":{"type":"object"}}]}
                """));

        assertThat(((Tool.FunctionTool) request.tools().get(0)).strict()).isTrue();
        assertThat(codec.encodeRequest(request).path("tools").get(0).path("strict").asBoolean()).isTrue();
    }

    @Test
    void stringInputRoundTripsAsAString() {
        ObjectNode body = parse("{\"model\":\"m\",\"input\":\"hello\",\"previous_response_id\":\"resp_1\"}");

        CanonicalRequest request = codec.decodeRequest(body);

        assertThat(request.messages()).containsExactly(Message.text(Role.USER, "hello"));
        assertJsonEquals(codec.encodeRequest(request), body);
    }

    @Test
    void unknownItemsAndPartsTravelVerbatim() {
        ObjectNode body = parse("""
                {"input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"see file"},
                                                                      {"type":"input_file","file_id":"file-1"}]},
                          {"type":"web_search_call","id":"ws_1","status":"completed"},
                          {"type":"item_reference","id":"msg_9"},
                          {"type":"function_call_output","call_id":"c","output":[{"type":"input_text","text":"ok"},
                            {"type":"input_image","image_url":"https://x/y.png","detail":"low"}],"status":"completed"}],
                 "tool_choice":{"type":"web_search_preview"}}
                """);

        assertJsonEquals(codec.encodeRequest(codec.decodeRequest(body)), body);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {"{\"input\":5}|input", "{\"input\":[1]}|input[0]",
            "{\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}|input[0].role",
            "{\"input\":[{\"role\":\"user\",\"content\":7}]}|input[0].content",
            "{\"input\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}|input[0].content[0].type",
            "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\"}]}]}|input[0].content[0].text",
            "{\"input\":[{\"type\":\"function_call\",\"name\":\"f\"}]}|input[0].call_id",
            "{\"input\":[{\"type\":\"function_call\",\"call_id\":\"c\"}]}|input[0].name",
            "{\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\"}]}|input[0].output",
            "{\"input\":\"x\",\"instructions\":1}|instructions", "{\"input\":\"x\",\"model\":true}|model",
            "{\"input\":\"x\",\"max_output_tokens\":0}|max_output_tokens",
            "{\"input\":\"x\",\"tools\":[{\"name\":\"f\"}]}|tools[0].type",
            "{\"input\":\"x\",\"tools\":[{\"type\":\"function\"}]}|tools[0].name",
            "{\"input\":\"x\",\"tool_choice\":{\"type\":\"function\"}}|tool_choice.name",
            "{\"input\":\"x\",\"reasoning\":{\"effort\":\"extreme\"}}|reasoning.effort",
            "{\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_schema\"}}}|text.format.name",
            "{\"input\":\"x\",\"text\":{\"format\":{}}}|text.format.type",
            "{\"input\":\"x\",\"stream\":1}|stream"})
    void invalidRequestsNameTheField(String body, String field) {
        assertInvalid(codec, body, field);
    }

    @Test
    void decodesAResponse() {
        CanonicalResponse response = codec.decodeResponse(CodecFixtures.response(Dialect.OPENAI_RESPONSES));

        assertThat(response.output()).hasSize(4);
        assertThat(response.output().get(0)).isEqualTo(new ContentPart.Thinking("Need both cities.", null, null));
        assertThat(response.text()).isEqualTo("Let me check both cities.");
        assertThat(response.stopReason()).as("completed with function calls").isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage().inputTokens()).isEqualTo(150);
        assertThat(response.usage().reasoningTokens()).isEqualTo(10);
        assertThat(response.usage().cacheReadInputTokens()).isEqualTo(30);
    }

    @Test
    void encodesAResponseObject() {
        CanonicalResponse response = new CanonicalResponse("msg_01X", "claude-x", 0,
                List.of(ContentPart.Text.of("Partial"), new ContentPart.Thinking("hm", "sig", null)),
                StopReason.MAX_TOKENS, null, dev.switchboard.model.canonical.CanonicalUsage.of(10, 5, 0, 2, 1));

        ObjectNode encoded = codec.encodeResponse(response);

        assertJsonEquals(encoded, parse("""
                {"id":"resp_msg_01X","object":"response","created_at":1732000500,"status":"incomplete","error":null,
                 "incomplete_details":{"reason":"max_output_tokens"},"model":"claude-x",
                 "output":[{"id":"msg_msg_01X_0","type":"message","status":"completed","role":"assistant",
                            "content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Partial"}]},
                           {"id":"rs_msg_01X_1","type":"reasoning","summary":[{"type":"summary_text","text":"hm"}]}],
                 "parallel_tool_calls":true,"tool_choice":"auto","tools":[],
                 "usage":{"input_tokens":10,"input_tokens_details":{"cached_tokens":2},"output_tokens":5,
                          "output_tokens_details":{"reasoning_tokens":0},"total_tokens":15}}
                """));
    }

    @Test
    void incompleteResponseMeansMaxTokens() {
        CanonicalResponse response = codec.decodeResponse(parse("""
                {"id":"resp_1","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},
                 "output":[{"type":"message","content":[{"type":"output_text","text":"cut"}]}]}
                """));

        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }
}
