package dev.switchboard.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.Role;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.json.Json;

/** Claude Code places {@code role: system} turns inside {@code messages}; they must decode and translate. */
class AnthropicSystemTurnTest {

    private static final String BODY = """
            {"model":"m","max_tokens":64,"system":"top",
             "messages":[{"role":"user","content":"hi"},
                         {"role":"system","content":"mid-conversation reminder"},
                         {"role":"assistant","content":"hello"}]}
            """;

    private static CanonicalRequest decode() throws Exception {
        return Codecs.of(Dialect.ANTHROPIC_MESSAGES).decodeRequest((ObjectNode) Json.MAPPER.readTree(BODY));
    }

    @Test
    void systemTurnsDecodeAsInstructingMessagesInPlace() throws Exception {
        CanonicalRequest request = decode();

        assertThat(request.messages()).extracting(m -> m.role())
                .containsExactly(Role.USER, Role.SYSTEM, Role.ASSISTANT);
    }

    @Test
    void theyBecomeChatSystemMessagesAndStayInstructionsForAnthropicTargets() throws Exception {
        CanonicalRequest request = decode();

        ObjectNode chat = Codecs.of(Dialect.OPENAI_CHAT).encodeRequest(request);
        assertThat(chat.path("messages").findValuesAsText("role")).containsExactly("system", "user", "system",
                "assistant");

        ObjectNode anthropic = Codecs.of(Dialect.ANTHROPIC_MESSAGES).encodeRequest(request);
        assertThat(anthropic.path("messages").findValuesAsText("role")).containsExactly("user", "assistant");
        assertThat(anthropic.path("system").toString()).contains("top").contains("mid-conversation reminder");
    }
}
