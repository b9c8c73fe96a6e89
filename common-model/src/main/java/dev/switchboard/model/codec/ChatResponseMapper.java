package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.Fields.NODES;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.Extensions;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.ToolArguments;
import dev.switchboard.model.dialect.Dialect;

/** OpenAI Chat Completions response body ⇄ canonical response. */
final class ChatResponseMapper {

    private static final Dialect CHAT = Dialect.OPENAI_CHAT;

    private ChatResponseMapper() {
    }

    static CanonicalResponse decode(ObjectNode body) {
        JsonNode choices = body.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty() || !choices.get(0).isObject()) {
            throw Fields.malformedUpstream(CHAT, "has no choices");
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        List<ContentPart> output = new ArrayList<>(2);
        String reasoning = reasoningText(message);
        if (reasoning != null && !reasoning.isEmpty()) {
            output.add(new ContentPart.Thinking(reasoning, null, Extensions.NONE));
        }
        JsonNode content = message.get("content");
        if (content != null && content.isTextual() && !content.textValue().isEmpty()) {
            output.add(ContentPart.Text.of(content.textValue()));
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String text = Fields.text(part, "text");
                if (text != null) {
                    output.add(ContentPart.Text.of(text));
                }
            }
        }
        String refusal = Fields.text(message, "refusal");
        if (refusal != null) {
            output.add(new ContentPart.Refusal(refusal));
        }
        boolean hasToolCalls = false;
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            output.add(new ContentPart.ToolCall(Fields.text(call, "id"), Fields.text(function, "name"),
                    ToolArguments.ofJson(Fields.text(function, "arguments")), Extensions.NONE));
            hasToolCalls = true;
        }
        StopReason stop = StopReasons.withToolCalls(StopReasons.fromChat(Fields.text(choice, "finish_reason")),
                hasToolCalls);
        return new CanonicalResponse(Fields.text(body, "id"), Fields.text(body, "model"), Fields.count(body, "created"),
                output, stop == null ? StopReason.END_TURN : stop, null, usage(body.get("usage")));
    }

    /** Reasoning text as OpenAI-compatible servers (vLLM, DeepSeek, OpenRouter) spell it. */
    static String reasoningText(JsonNode messageOrDelta) {
        String text = Fields.text(messageOrDelta, "reasoning_content");
        return text != null ? text : Fields.text(messageOrDelta, "reasoning");
    }

    static CanonicalUsage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return CanonicalUsage.NONE;
        }
        return CanonicalUsage.of(Fields.count(usage, "prompt_tokens"), Fields.count(usage, "completion_tokens"),
                Fields.count(usage.path("completion_tokens_details"), "reasoning_tokens"),
                Fields.count(usage.path("prompt_tokens_details"), "cached_tokens"), 0);
    }

    static ObjectNode encode(CanonicalResponse response, long createdAt) {
        ObjectNode body = NODES.objectNode();
        body.put("id", response.id());
        body.put("object", "chat.completion");
        body.put("created", createdAt);
        body.put("model", response.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        StringBuilder text = null;
        StringBuilder refusal = null;
        ArrayNode toolCalls = null;
        for (ContentPart part : response.output()) {
            if (part instanceof ContentPart.Text t) {
                text = text == null ? new StringBuilder(t.text()) : text.append(t.text());
            } else if (part instanceof ContentPart.Refusal r) {
                refusal = refusal == null ? new StringBuilder(r.text()) : refusal.append(r.text());
            } else if (part instanceof ContentPart.ToolCall call) {
                toolCalls = toolCalls == null ? NODES.arrayNode() : toolCalls;
                ObjectNode encoded = toolCalls.addObject().put("id", call.id()).put("type", "function");
                encoded.putObject("function").put("name", call.name()).put("arguments", call.arguments().json());
            }
        }
        if (text != null) {
            message.put("content", text.toString());
        } else {
            message.putNull("content");
        }
        if (refusal != null) {
            message.put("refusal", refusal.toString());
        } else {
            message.putNull("refusal");
        }
        if (toolCalls != null) {
            message.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", StopReasons.toChat(response.stopReason()));
        if (response.usage().reported()) {
            body.set("usage", encodeUsage(response.usage()));
        }
        return body;
    }

    static ObjectNode encodeUsage(CanonicalUsage usage) {
        ObjectNode encoded = NODES.objectNode();
        encoded.put("prompt_tokens", usage.inputTokens());
        encoded.put("completion_tokens", usage.outputTokens());
        encoded.put("total_tokens", usage.inputTokens() + usage.outputTokens());
        encoded.putObject("prompt_tokens_details").put("cached_tokens", usage.cacheReadInputTokens());
        encoded.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return encoded;
    }
}
