package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.Fields.NODES;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.Extensions;
import dev.switchboard.model.canonical.ImageSource;
import dev.switchboard.model.canonical.Message;
import dev.switchboard.model.canonical.OutputFormat;
import dev.switchboard.model.canonical.Reasoning;
import dev.switchboard.model.canonical.Role;
import dev.switchboard.model.canonical.Tool;
import dev.switchboard.model.canonical.ToolChoice;
import dev.switchboard.model.dialect.Dialect;

/**
 * Canonical request → OpenAI Responses request body (stateless: every turn goes in {@code input}). Responses has no
 * stop sequences; they are dropped.
 */
final class ResponsesRequestEncoder {

    private static final Dialect RESPONSES = Dialect.OPENAI_RESPONSES;
    /** The smallest {@code max_output_tokens} OpenAI accepts. */
    static final int MIN_OUTPUT_TOKENS = 16;

    private ResponsesRequestEncoder() {
    }

    static ObjectNode encode(CanonicalRequest request) {
        ObjectNode body = NODES.objectNode();
        if (request.model() != null) {
            body.put("model", request.model());
        }
        String instructions = joinedText(request.instructions());
        if (instructions != null) {
            body.put("instructions", instructions);
        }
        body.set("input", input(request.messages()));
        encodeTools(request, body);
        if (request.outputCap() != null) {
            body.put("max_output_tokens", Math.max(MIN_OUTPUT_TOKENS, request.outputCap().tokens()));
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (request.stream()) {
            body.put("stream", true);
        }
        encodeReasoning(request.reasoning(), body);
        encodeFormat(request.outputFormat(), body);
        if (request.metadata() != null) {
            body.set("metadata", request.metadata());
        }
        if (request.user() != null) {
            body.put("user", request.user());
        }
        request.extensions().writeInto(body, RESPONSES);
        return body;
    }

    /** Text parts joined by blank lines; {@code null} when there is no text. */
    private static String joinedText(List<ContentPart> parts) {
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text) {
            return text.text();
        }
        StringBuilder joined = null;
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text text) {
                joined = joined == null ? new StringBuilder(text.text()) : joined.append("\n\n").append(text.text());
            }
        }
        return joined == null ? null : joined.toString();
    }

    private static JsonNode input(List<Message> messages) {
        if (messages.size() == 1) {
            Message only = messages.get(0);
            if (only.role() == Role.USER && only.extensions().dialect() != RESPONSES && only.parts().size() == 1
                    && only.parts().get(0) instanceof ContentPart.Text text && text.isPlainIn(RESPONSES)) {
                return NODES.textNode(text.text());
            }
        }
        ArrayNode items = NODES.arrayNode();
        for (Message message : messages) {
            if (message.role() == Role.ASSISTANT) {
                encodeAssistant(message, items);
            } else {
                encodeToolResultsThenContent(message, items);
            }
        }
        return items;
    }

    private static void encodeToolResultsThenContent(Message message, ArrayNode items) {
        int others = 0;
        for (ContentPart part : message.parts()) {
            if (part instanceof ContentPart.ToolResult result) {
                ObjectNode output = items.addObject().put("type", "function_call_output").put("call_id",
                        result.callId());
                output.set("output", toolOutput(result.content()));
                result.extensions().writeInto(output, RESPONSES);
            } else if (part instanceof ContentPart.OpaqueItem item) {
                if (item.dialect() == RESPONSES) {
                    items.add(item.raw());
                }
            } else {
                others++;
            }
        }
        if (others == 0 || message.role() == Role.TOOL) {
            return;
        }
        ObjectNode item = items.addObject().put("type", "message").put("role", roleName(message.role()));
        item.set("content", content(message.parts(), false));
        message.extensions().writeInto(item, RESPONSES);
    }

    private static String roleName(Role role) {
        return switch (role) {
            case SYSTEM -> "system";
            case DEVELOPER -> "developer";
            case ASSISTANT -> "assistant";
            case USER, TOOL -> "user";
        };
    }

    /**
     * Splits an assistant turn back into items in order: reasoning, a message per run of text, function calls.
     * Reasoning from other dialects is dropped: OpenAI only accepts its own reasoning items back.
     */
    private static void encodeAssistant(Message message, ArrayNode items) {
        Extensions messageExtensions = message.extensions();
        ArrayNode text = null;
        for (ContentPart part : message.parts()) {
            if (part instanceof ContentPart.Text || part instanceof ContentPart.Refusal
                    || (part instanceof ContentPart.Opaque opaque && opaque.dialect() == RESPONSES)) {
                if (text == null) {
                    ObjectNode item = items.addObject().put("type", "message").put("role", "assistant");
                    text = item.putArray("content");
                    messageExtensions.writeInto(item, RESPONSES);
                    messageExtensions = Extensions.NONE;
                }
                addPart(part, text, true);
                continue;
            }
            text = null;
            if (part instanceof ContentPart.ToolCall call) {
                ObjectNode item = items.addObject().put("type", "function_call").put("call_id", call.id());
                item.put("name", call.name()).put("arguments", call.arguments().json());
                call.extensions().writeInto(item, RESPONSES);
            } else if (part instanceof ContentPart.Thinking thinking && !thinking.extensions().isEmpty()
                    && thinking.extensions().dialect() == RESPONSES) {
                ObjectNode item = items.addObject().put("type", "reasoning");
                ArrayNode summary = item.putArray("summary");
                if (!thinking.text().isEmpty()) {
                    summary.addObject().put("type", "summary_text").put("text", thinking.text());
                }
                thinking.extensions().writeInto(item, RESPONSES);
            } else if (part instanceof ContentPart.OpaqueItem item && item.dialect() == RESPONSES) {
                items.add(item.raw());
            }
        }
    }

    /** A single plain text part becomes a bare string. */
    private static JsonNode content(List<ContentPart> parts, boolean assistant) {
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text && text.isPlainIn(RESPONSES)) {
            return NODES.textNode(text.text());
        }
        ArrayNode array = NODES.arrayNode();
        for (ContentPart part : parts) {
            addPart(part, array, assistant);
        }
        return array;
    }

    private static void addPart(ContentPart part, ArrayNode array, boolean assistant) {
        if (part instanceof ContentPart.Text text) {
            ObjectNode encoded = array.addObject().put("type", assistant ? "output_text" : "input_text");
            encoded.put("text", text.text());
            text.extensions().writeInto(encoded, RESPONSES);
            if (assistant && !encoded.has("annotations")) {
                encoded.putArray("annotations");
            }
        } else if (part instanceof ContentPart.Refusal refusal) {
            if (assistant) {
                array.addObject().put("type", "refusal").put("refusal", refusal.text());
            } else {
                array.addObject().put("type", "input_text").put("text", refusal.text());
            }
        } else if (part instanceof ContentPart.Image image) {
            ObjectNode encoded = array.addObject().put("type", "input_image");
            encoded.put("image_url", image.source() instanceof ImageSource.Url url
                    ? url.url()
                    : ((ImageSource.Base64) image.source()).toDataUrl());
            encoded.put("detail", image.detail() == null ? "auto" : image.detail());
            image.extensions().writeInto(encoded, RESPONSES);
        } else if (part instanceof ContentPart.Opaque opaque && opaque.dialect() == RESPONSES) {
            array.add(opaque.raw());
        }
    }

    /** Text-only results become a string; results with images the array form. */
    private static JsonNode toolOutput(List<ContentPart> content) {
        boolean onlyText = true;
        for (ContentPart part : content) {
            onlyText &= part instanceof ContentPart.Text;
        }
        if (onlyText) {
            String text = joinedText(content);
            return NODES.textNode(text == null ? "" : text);
        }
        ArrayNode array = NODES.arrayNode();
        for (ContentPart part : content) {
            addPart(part, array, false);
        }
        return array;
    }

    private static void encodeTools(CanonicalRequest request, ObjectNode body) {
        if (request.tools().isEmpty()) {
            return;
        }
        ArrayNode tools = NODES.arrayNode();
        for (Tool tool : request.tools()) {
            if (tool instanceof Tool.FunctionTool function) {
                ObjectNode encoded = tools.addObject().put("type", "function").put("name", function.name());
                if (function.description() != null) {
                    encoded.put("description", function.description());
                }
                encoded.set("parameters", function.parameters() != null ? function.parameters() : emptySchema());
                // Always explicit: Responses defaults to strict, Chat and Anthropic do not.
                encoded.put("strict", function.strict());
                function.extensions().writeInto(encoded, RESPONSES);
            } else if (tool instanceof Tool.HostedTool hosted && hosted.dialect() == RESPONSES) {
                tools.add(hosted.raw());
            }
        }
        if (tools.isEmpty()) {
            return;
        }
        body.set("tools", tools);
        ToolChoice choice = request.toolChoice();
        if (choice != null) {
            body.set("tool_choice", switch (choice.mode()) {
                case AUTO -> NODES.textNode("auto");
                case NONE -> NODES.textNode("none");
                case REQUIRED -> NODES.textNode("required");
                case NAMED -> NODES.objectNode().put("type", "function").put("name", choice.toolName());
            });
        }
        if (request.parallelToolCalls() != null) {
            body.put("parallel_tool_calls", request.parallelToolCalls());
        }
    }

    static ObjectNode emptySchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    private static void encodeReasoning(Reasoning reasoning, ObjectNode body) {
        if (reasoning == null) {
            return;
        }
        ObjectNode encoded = body.putObject("reasoning");
        if (reasoning.effort() != null || reasoning.budgetTokens() != null) {
            encoded.put("effort", reasoning.effectiveEffort().wireName());
        }
        if (reasoning.summary() != null) {
            encoded.put("summary", reasoning.summary());
        }
    }

    private static void encodeFormat(OutputFormat format, ObjectNode body) {
        if (format instanceof OutputFormat.JsonObject) {
            body.putObject("text").putObject("format").put("type", "json_object");
        } else if (format instanceof OutputFormat.JsonSchema schema) {
            ObjectNode encoded = body.putObject("text").putObject("format").put("type", "json_schema");
            encoded.put("name", schema.name());
            if (schema.description() != null) {
                encoded.put("description", schema.description());
            }
            if (schema.schema() != null) {
                encoded.set("schema", schema.schema());
            }
            if (schema.strict()) {
                encoded.put("strict", true);
            }
        }
    }
}
