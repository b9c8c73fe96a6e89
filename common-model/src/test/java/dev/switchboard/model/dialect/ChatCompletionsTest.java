package dev.switchboard.model.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.json.Json;

class ChatCompletionsTest {

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    @Test
    void extractsFactsWithoutKeepingContent() throws Exception {
        RequestFacts facts = ChatCompletions.inspect(json("""
                {"model":"default","stream":true,"stream_options":{"include_usage":true},
                 "max_tokens":64,"max_completion_tokens":512,
                 "tools":[{"type":"function","function":{"name":"f"}}],
                 "response_format":{"type":"json_schema"},
                 "messages":[{"role":"system","content":"be brief"},
                             {"role":"user","content":[{"type":"text","text":"hello world"},
                                                       {"type":"image_url","image_url":{"url":"data:..."}}]}]}
                """));

        assertThat(facts.model()).isEqualTo("default");
        assertThat(facts.stream()).isTrue();
        assertThat(facts.includeUsage()).isTrue();
        assertThat(facts.maxOutputTokens()).as("max_tokens wins over max_completion_tokens").isEqualTo(64);
        assertThat(facts.toolCount()).isEqualTo(1);
        assertThat(facts.imageCount()).isEqualTo(1);
        assertThat(facts.structuredOutput()).isTrue();
        assertThat(facts.messageCount()).isEqualTo(2);
        assertThat(facts.estimatedInputTokens()).isBetween(3, 10);
    }

    @Test
    void countsThePromptExactlyOnRequest() throws Exception {
        ObjectNode body = json("""
                {"model":"m","messages":[{"role":"system","content":"be brief"},
                  {"role":"user","content":[{"type":"text","text":"hello world"},{"type":"image_url","image_url":{}}]}]}
                """);

        assertThat(ChatCompletions.countInputTokens(body)).isEqualTo(TokenCounter.count("be brief\nhello world\n"));
        assertThat(ChatCompletions.inspect(body).estimatedInputTokens()).isEqualTo(TokenEstimate.of("be brief")
                + TokenEstimate.of("hello world"));
    }

    @Test
    void missingModelIsAllowedHereAndDecidedByPolicy() throws Exception {
        RequestFacts facts = ChatCompletions.inspect(json("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(facts.model()).isNull();
        assertThat(facts.stream()).isFalse();
    }

    @Test
    void invalidBodiesNameTheField() {
        assertInvalid("{\"model\":\"m\"}", "messages");
        assertInvalid("{\"model\":\"m\",\"messages\":[]}", "messages");
        assertInvalid("{\"model\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model");
        assertInvalid("{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", "messages[0].role");
        assertInvalid("{\"messages\":[{\"role\":\"user\",\"content\":5}]}", "messages[0].content");
        assertInvalid("{\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "stream");
        assertInvalid("{\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "max_tokens");
    }

    private static void assertInvalid(String body, String field) {
        assertThatThrownBy(() -> ChatCompletions.inspect(json(body)))
                .isInstanceOfSatisfying(GatewayError.Failure.class, f -> {
                    assertThat(f.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
                    assertThat(f.error().details()).containsEntry("field", field);
                });
    }

    @Test
    void readsUsage() throws Exception {
        TokenUsage usage = ChatCompletions.usageOf(json("""
                {"usage":{"prompt_tokens":12,"completion_tokens":5,"completion_tokens_details":{"reasoning_tokens":2}}}
                """));
        assertThat(usage).isEqualTo(new TokenUsage(12, 5, 2, true));
        assertThat(usage.totalTokens()).isEqualTo(17);
        assertThat(ChatCompletions.usageOf(json("{}"))).isEqualTo(TokenUsage.NONE);
    }
}
