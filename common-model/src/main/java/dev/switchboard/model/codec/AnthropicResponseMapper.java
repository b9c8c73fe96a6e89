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

/** Anthropic Messages response ⇄ canonical response. */
final class AnthropicResponseMapper {

    private static final Dialect ANTHROPIC = Dialect.ANTHROPIC_MESSAGES;

    private AnthropicResponseMapper() {
    }

    static CanonicalResponse decode(ObjectNode body) {
        JsonNode content = body.get("content");
        if (content == null || !content.isArray()) {
            throw Fields.malformedUpstream(ANTHROPIC, "has no content");
        }
        List<ContentPart> output = new ArrayList<>(content.size());
        boolean hasToolCalls = false;
        for (JsonNode block : content) {
            String type = Fields.text(block, "type");
            if (type == null) {
                continue;
            }
            switch (type) {
                case "text" -> output.add(ContentPart.Text.of(block.path("text").asText("")));
                case "tool_use" -> {
                    JsonNode input = block.get("input");
                    output.add(new ContentPart.ToolCall(Fields.text(block, "id"), Fields.text(block, "name"),
                            input == null ? ToolArguments.EMPTY : ToolArguments.ofNode(input), Extensions.NONE));
                    hasToolCalls = true;
                }
                case "thinking" -> {
                    String signature = Fields.text(block, "signature");
                    output.add(new ContentPart.Thinking(Fields.text(block, "thinking"),
                            signature == null || signature.isEmpty() ? null : signature, Extensions.NONE));
                }
                case "redacted_thinking" -> output.add(new ContentPart.RedactedThinking(Fields.text(block, "data")));
                default -> output.add(new ContentPart.Opaque(ANTHROPIC, block));
            }
        }
        StopReason stop = StopReasons.withToolCalls(StopReasons.fromAnthropic(Fields.text(body, "stop_reason")),
                hasToolCalls);
        return new CanonicalResponse(Fields.text(body, "id"), Fields.text(body, "model"), 0, output,
                stop == null ? StopReason.END_TURN : stop, Fields.text(body, "stop_sequence"),
                usage(body.get("usage"), CanonicalUsage.NONE));
    }

    /**
     * Anthropic counts uncached input, cache reads and cache writes separately; canonical input is their sum. A
     * {@code message_delta} usage may omit the input fields, which then come from {@code message_start}.
     */
    static CanonicalUsage usage(JsonNode usage, CanonicalUsage atStart) {
        if (usage == null || !usage.isObject()) {
            return atStart;
        }
        long cacheRead = usage.has("cache_read_input_tokens")
                ? Fields.count(usage, "cache_read_input_tokens")
                : atStart.cacheReadInputTokens();
        long cacheWrite = usage.has("cache_creation_input_tokens")
                ? Fields.count(usage,
                        "cache_creation_input_tokens")
                : atStart.cacheWriteInputTokens();
        long uncached = usage.has("input_tokens")
                ? Fields.count(usage, "input_tokens")
                : atStart.uncachedInputTokens();
        return CanonicalUsage.of(uncached + cacheRead + cacheWrite, Fields.count(usage, "output_tokens"), 0, cacheRead,
                cacheWrite);
    }

    static ObjectNode encode(CanonicalResponse response) {
        ObjectNode body = NODES.objectNode();
        body.put("id", response.id());
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", response.model());
        ArrayNode content = body.putArray("content");
        for (ContentPart part : response.output()) {
            if (part instanceof ContentPart.Text text) {
                content.addObject().put("type", "text").put("text", text.text());
            } else if (part instanceof ContentPart.Refusal refusal) {
                content.addObject().put("type", "text").put("text", refusal.text());
            } else if (part instanceof ContentPart.ToolCall call) {
                ObjectNode block = content.addObject().put("type", "tool_use");
                block.put("id", AnthropicRequestEncoder.toolUseId(call.id())).put("name", call.name());
                block.set("input", toolInput(call));
            } else if (part instanceof ContentPart.Thinking thinking) {
                ObjectNode block = content.addObject().put("type", "thinking").put("thinking", thinking.text());
                block.put("signature", thinking.signature() == null ? "" : thinking.signature());
            } else if (part instanceof ContentPart.RedactedThinking redacted) {
                content.addObject().put("type", "redacted_thinking").put("data", redacted.data());
            }
        }
        body.put("stop_reason", StopReasons.toAnthropic(response.stopReason()));
        if (response.stopSequence() != null) {
            body.put("stop_sequence", response.stopSequence());
        } else {
            body.putNull("stop_sequence");
        }
        body.set("usage", encodeUsage(response.usage()));
        return body;
    }

    /** Upstream arguments that are not a JSON object are wrapped rather than lost. */
    private static JsonNode toolInput(ContentPart.ToolCall call) {
        try {
            JsonNode input = call.arguments().node();
            if (input.isObject()) {
                return input;
            }
        } catch (IllegalArgumentException notJson) {
            // fall through
        }
        return NODES.objectNode().put("arguments", call.arguments().json());
    }

    static ObjectNode encodeUsage(CanonicalUsage usage) {
        ObjectNode encoded = NODES.objectNode();
        encoded.put("input_tokens", usage.uncachedInputTokens());
        encoded.put("cache_creation_input_tokens", usage.cacheWriteInputTokens());
        encoded.put("cache_read_input_tokens", usage.cacheReadInputTokens());
        encoded.put("output_tokens", usage.outputTokens());
        return encoded;
    }
}
