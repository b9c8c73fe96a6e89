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

/** OpenAI Responses response object ⇄ canonical response; item builders shared with the stream encoder. */
final class ResponsesResponseMapper {

    private static final Dialect RESPONSES = Dialect.OPENAI_RESPONSES;

    private ResponsesResponseMapper() {
    }

    static CanonicalResponse decode(ObjectNode body) {
        JsonNode items = body.get("output");
        if (items == null || !items.isArray()) {
            throw Fields.malformedUpstream(RESPONSES, "has no output");
        }
        List<ContentPart> output = new ArrayList<>(items.size());
        boolean hasToolCalls = false;
        for (JsonNode item : items) {
            String type = Fields.text(item, "type");
            if (type == null) {
                continue;
            }
            switch (type) {
                case "message" -> {
                    for (JsonNode part : item.path("content")) {
                        String partType = Fields.text(part, "type");
                        if ("output_text".equals(partType)) {
                            output.add(ContentPart.Text.of(part.path("text").asText("")));
                        } else if ("refusal".equals(partType)) {
                            output.add(new ContentPart.Refusal(part.path("refusal").asText("")));
                        }
                    }
                }
                case "function_call" -> {
                    output.add(new ContentPart.ToolCall(Fields.text(item, "call_id"), Fields.text(item, "name"),
                            ToolArguments.ofJson(Fields.text(item, "arguments")), Extensions.NONE));
                    hasToolCalls = true;
                }
                case "reasoning" -> output.add(new ContentPart.Thinking(summaryText(item), null, Extensions.NONE));
                default -> output.add(new ContentPart.OpaqueItem(RESPONSES, item));
            }
        }
        StopReason stop = StopReasons.fromResponses(Fields.text(body, "status"),
                Fields.text(body.path("incomplete_details"), "reason"), hasToolCalls);
        return new CanonicalResponse(Fields.text(body, "id"), Fields.text(body, "model"),
                Fields.count(body, "created_at"), output, stop, null, usage(body.get("usage")));
    }

    private static String summaryText(JsonNode reasoning) {
        StringBuilder text = new StringBuilder();
        for (JsonNode summary : reasoning.path("summary")) {
            String part = Fields.text(summary, "text");
            if (part != null) {
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(part);
            }
        }
        return text.toString();
    }

    static CanonicalUsage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return CanonicalUsage.NONE;
        }
        return CanonicalUsage.of(Fields.count(usage, "input_tokens"), Fields.count(usage, "output_tokens"),
                Fields.count(usage.path("output_tokens_details"), "reasoning_tokens"),
                Fields.count(usage.path("input_tokens_details"), "cached_tokens"), 0);
    }

    static ObjectNode encode(CanonicalResponse response, long createdAt) {
        ItemIds ids = new ItemIds(response.id());
        ArrayNode output = NODES.arrayNode();
        ArrayNode text = null;
        for (ContentPart part : response.output()) {
            if (part instanceof ContentPart.Text t) {
                if (text == null) {
                    text = messageItem(output.addObject(), ids.next("msg"), "completed").putArray("content");
                }
                text.add(outputText(t.text()));
                continue;
            }
            if (part instanceof ContentPart.Refusal r) {
                if (text == null) {
                    text = messageItem(output.addObject(), ids.next("msg"), "completed").putArray("content");
                }
                text.addObject().put("type", "refusal").put("refusal", r.text());
                continue;
            }
            text = null;
            if (part instanceof ContentPart.ToolCall call) {
                functionCallItem(output.addObject(), ids.next("fc"), call.id(), call.name(), call.arguments().json(),
                        "completed");
            } else if (part instanceof ContentPart.Thinking thinking) {
                reasoningItem(output.addObject(), ids.next("rs"), thinking.text());
            }
        }
        return envelope(ids.responseId(), createdAt, response.model(),
                StopReasons.toResponses(response.stopReason()), output, response.usage());
    }

    /** The response object, as {@code response.*} stream events and non-streaming answers carry it. */
    static ObjectNode envelope(String responseId, long createdAt, String model, StopReasons.ResponsesStatus status,
            ArrayNode output, CanonicalUsage usage) {
        ObjectNode body = NODES.objectNode();
        body.put("id", responseId);
        body.put("object", "response");
        body.put("created_at", createdAt);
        body.put("status", status.status());
        body.putNull("error");
        if (status.incompleteReason() != null) {
            body.putObject("incomplete_details").put("reason", status.incompleteReason());
        } else {
            body.putNull("incomplete_details");
        }
        body.put("model", model);
        body.set("output", output);
        body.put("parallel_tool_calls", true);
        body.put("tool_choice", "auto");
        body.putArray("tools");
        if (usage != null && usage.reported()) {
            body.set("usage", encodeUsage(usage));
        } else {
            body.putNull("usage");
        }
        return body;
    }

    static ObjectNode encodeUsage(CanonicalUsage usage) {
        ObjectNode encoded = NODES.objectNode();
        encoded.put("input_tokens", usage.inputTokens());
        encoded.putObject("input_tokens_details").put("cached_tokens", usage.cacheReadInputTokens());
        encoded.put("output_tokens", usage.outputTokens());
        encoded.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        encoded.put("total_tokens", usage.inputTokens() + usage.outputTokens());
        return encoded;
    }

    static ObjectNode messageItem(ObjectNode item, String id, String status) {
        item.put("id", id).put("type", "message").put("status", status).put("role", "assistant");
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = NODES.objectNode().put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }

    static ObjectNode functionCallItem(ObjectNode item, String id, String callId, String name, String arguments,
            String status) {
        item.put("id", id).put("type", "function_call").put("status", status);
        item.put("arguments", arguments).put("call_id", callId).put("name", name);
        return item;
    }

    static ObjectNode reasoningItem(ObjectNode item, String id, String text) {
        item.put("id", id).put("type", "reasoning");
        ArrayNode summary = item.putArray("summary");
        if (text != null && !text.isEmpty()) {
            summary.addObject().put("type", "summary_text").put("text", text);
        }
        return item;
    }

    /** Response and item IDs derived from the upstream answer's ID, so one answer always renders the same. */
    static final class ItemIds {
        private final String base;
        private int next;

        ItemIds(String upstreamId) {
            String id = upstreamId == null || upstreamId.isEmpty() ? "switchboard" : upstreamId;
            base = id.startsWith("resp_") ? id.substring(5) : id;
        }

        String responseId() {
            return "resp_" + base;
        }

        String next(String prefix) {
            return prefix + "_" + base + "_" + next++;
        }
    }
}
