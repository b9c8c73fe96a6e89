package dev.switchboard.model.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.codec.Codecs;
import dev.switchboard.model.json.Json;

class RequestFactsTest {

    @Test
    void factsOfAnAnthropicRequestMatchWhatTheChatInspectorSeesForTheSameConversation() throws Exception {
        ObjectNode messages = (ObjectNode) Json.MAPPER.readTree("""
                {"model":"default","max_tokens":256,"stream":true,"system":"be brief",
                 "tools":[{"name":"Write","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"hello world"},
                   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]}
                """);
        ObjectNode chat = (ObjectNode) Json.MAPPER.readTree("""
                {"model":"default","messages":[{"role":"system","content":"be brief"},
                  {"role":"user","content":"hello world"}]}
                """);

        RequestFacts facts = RequestFacts.of(Codecs.of(Dialect.ANTHROPIC_MESSAGES).decodeRequest(messages));

        assertThat(facts.dialect()).isEqualTo(Dialect.ANTHROPIC_MESSAGES);
        assertThat(facts.model()).isEqualTo("default");
        assertThat(facts.stream()).isTrue();
        assertThat(facts.maxOutputTokens()).isEqualTo(256);
        assertThat(facts.toolCount()).isEqualTo(1);
        assertThat(facts.imageCount()).isEqualTo(1);
        assertThat(facts.messageCount()).isEqualTo(1);
        assertThat(facts.estimatedInputTokens()).isEqualTo(ChatCompletions.inspect(chat).estimatedInputTokens());
        assertThat(RequestFacts.countInputTokens(Codecs.of(Dialect.ANTHROPIC_MESSAGES).decodeRequest(messages)))
                .as("exact counts agree across dialects too")
                .isEqualTo(ChatCompletions.countInputTokens(chat));
    }
}
