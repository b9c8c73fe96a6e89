package dev.switchboard.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.json.Json;

class CanonicalModelTest {

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    @Test
    void extensionsAreWrittenOnlyIntoTheirOwnDialect() throws Exception {
        Extensions extensions = Extensions.of(Dialect.OPENAI_CHAT, json("{\"seed\":7}"));
        ObjectNode chat = Json.MAPPER.createObjectNode();
        ObjectNode anthropic = Json.MAPPER.createObjectNode();

        extensions.writeInto(chat, Dialect.OPENAI_CHAT);
        extensions.writeInto(anthropic, Dialect.ANTHROPIC_MESSAGES);

        assertThat(chat).isEqualTo(json("{\"seed\":7}"));
        assertThat(anthropic).isEmpty();
        assertThat(extensions.get(Dialect.OPENAI_CHAT, "seed").asInt()).isEqualTo(7);
        assertThat(extensions.get(Dialect.ANTHROPIC_MESSAGES, "seed")).isNull();
    }

    @Test
    void extensionsMergeIntoObjectsTheEncoderWroteWithoutMutatingEither() throws Exception {
        ObjectNode kept = json("{\"text\":{\"verbosity\":\"low\"},\"model\":\"ignored\"}");
        Extensions extensions = Extensions.of(Dialect.OPENAI_RESPONSES, kept);
        ObjectNode written = json("{\"model\":\"m\",\"text\":{\"format\":{\"type\":\"json_object\"}}}");
        ObjectNode formatBefore = (ObjectNode) written.get("text");

        extensions.writeInto(written, Dialect.OPENAI_RESPONSES);

        assertThat(written).isEqualTo(json(
                "{\"model\":\"m\",\"text\":{\"format\":{\"type\":\"json_object\"},\"verbosity\":\"low\"}}"));
        assertThat(formatBefore).isEqualTo(json("{\"format\":{\"type\":\"json_object\"}}"));
        assertThat(kept.get("text")).isEqualTo(json("{\"verbosity\":\"low\"}"));
    }

    @Test
    void emptyExtensionsAreNone() {
        assertThat(Extensions.of(Dialect.OPENAI_CHAT, null)).isSameAs(Extensions.NONE);
        assertThat(Extensions.of(Dialect.OPENAI_CHAT, Json.MAPPER.createObjectNode())).isSameAs(Extensions.NONE);
    }

    @Test
    void reasoningConvertsBetweenEffortAndBudget() {
        assertThat(Reasoning.ofEffort(ReasoningEffort.HIGH).effectiveBudgetTokens()).isEqualTo(16384);
        assertThat(Reasoning.ofBudget(1024).effectiveEffort()).isEqualTo(ReasoningEffort.LOW);
        assertThat(Reasoning.ofBudget(10000).effectiveEffort()).isEqualTo(ReasoningEffort.MEDIUM);
        assertThat(Reasoning.ofBudget(32000).effectiveEffort()).isEqualTo(ReasoningEffort.HIGH);
        for (ReasoningEffort effort : List.of(ReasoningEffort.LOW, ReasoningEffort.MEDIUM, ReasoningEffort.HIGH)) {
            assertThat(ReasoningEffort.fromBudget(effort.budgetTokens())).isEqualTo(effort);
        }
        assertThat(Reasoning.ofEffort(ReasoningEffort.NONE).disabled()).isTrue();
        assertThat(ReasoningEffort.fromWireName("xhigh")).isEqualTo(ReasoningEffort.XHIGH);
        assertThat(ReasoningEffort.fromWireName("ultra")).isNull();
    }

    @Test
    void usageSplitsCachedInput() {
        CanonicalUsage usage = CanonicalUsage.of(150, 40, 5, 30, 20);

        assertThat(usage.uncachedInputTokens()).isEqualTo(100);
        assertThat(usage.tokens().totalTokens()).isEqualTo(190);
        assertThat(CanonicalUsage.NONE.reported()).isFalse();
    }

    @Test
    void requestListsAreImmutableCopies() {
        List<Message> messages = new ArrayList<>(List.of(Message.text(Role.USER, "a")));
        CanonicalRequest request = CanonicalRequest.builder().messages(messages).build();

        messages.add(Message.text(Role.USER, "b"));

        assertThat(request.messages()).hasSize(1);
        assertThatThrownBy(() -> request.messages().add(Message.text(Role.USER, "c")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withersChangeOnlyWhatTheyName() {
        CanonicalRequest request = CanonicalRequest.builder()
                .model("group")
                .messages(List.of(Message.text(Role.USER, "a")))
                .temperature(0.2)
                .build();

        CanonicalRequest routed = request.withModel("gpt-4o").withOutputCap(new OutputCap(10, CapField.MAX_TOKENS));

        assertThat(routed.model()).isEqualTo("gpt-4o");
        assertThat(routed.outputCap().tokens()).isEqualTo(10);
        assertThat(routed.messages()).isEqualTo(request.messages());
        assertThat(routed.temperature()).isEqualTo(0.2);
        assertThat(request.model()).isEqualTo("group");
    }

    @Test
    void toStringsNeverCarryContent() throws Exception {
        String secret = "my-secret-prompt";
        ContentPart.ToolCall call = new ContentPart.ToolCall("c1", "lookup",
                ToolArguments.ofJson("{\"q\":\"" + secret + "\"}"), null);
        CanonicalRequest request = CanonicalRequest.builder()
                .instructions(List.of(ContentPart.Text.of(secret)))
                .messages(List.of(
                        Message.of(Role.USER, ContentPart.Text.of(secret),
                                new ContentPart.Image(new ImageSource.Url("https://x/" + secret), null, null)),
                        Message.of(Role.ASSISTANT, new ContentPart.Thinking(secret, secret, null), call,
                                new ContentPart.Refusal(secret), new ContentPart.RedactedThinking(secret)),
                        Message.of(Role.TOOL, new ContentPart.ToolResult("c1", List.of(ContentPart.Text.of(secret)),
                                false, null))))
                .build();
        CanonicalResponse response = new CanonicalResponse("id", "m", 0, List.of(ContentPart.Text.of(secret), call),
                StopReason.TOOL_USE, null, CanonicalUsage.NONE);
        List<Object> values = new ArrayList<>(List.of(request, response, call.arguments(),
                new StreamEvent.TextDelta(0, secret), new StreamEvent.ToolArgumentsDelta(0, secret),
                new StreamEvent.ThinkingDelta(0, secret), new StreamEvent.ThinkingSignature(0, secret)));
        values.add(new Tool.FunctionTool("f", secret, json("{\"description\":\"" + secret + "\"}"), false,
                Extensions.of(Dialect.ANTHROPIC_MESSAGES, json("{\"cache_control\":\"" + secret + "\"}"))));
        values.add(new Tool.HostedTool(Dialect.OPENAI_RESPONSES, json("{\"type\":\"x\",\"q\":\"" + secret + "\"}")));
        values.add(new OutputFormat.JsonSchema("n", secret, json("{\"title\":\"" + secret + "\"}"), true));
        values.add(new Message(Role.USER, List.of(), Extensions.of(Dialect.OPENAI_CHAT, json("{\"name\":\"" + secret
                + "\"}"))));
        values.add(new ContentPart.Opaque(Dialect.OPENAI_CHAT, json("{\"data\":\"" + secret + "\"}")));
        values.addAll(request.messages());
        request.messages().forEach(m -> values.addAll(m.parts()));

        for (Object value : values) {
            assertThat(value.toString()).as(value.getClass().getSimpleName()).doesNotContain(secret);
        }
    }
}
