package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.Fields.NODES;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.CapField;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.ImageSource;
import dev.switchboard.model.canonical.Message;
import dev.switchboard.model.canonical.OutputFormat;
import dev.switchboard.model.canonical.Role;
import dev.switchboard.model.canonical.Tool;
import dev.switchboard.model.canonical.ToolChoice;
import dev.switchboard.model.dialect.Dialect;

/** Canonical request → OpenAI Chat Completions request body. */
final class ChatRequestEncoder {

    private static final Dialect CHAT = Dialect.OPENAI_CHAT;

    private ChatRequestEncoder() {
    }

    static ObjectNode encode(CanonicalRequest request) {
        ObjectNode body = NODES.objectNode();
        if (request.model() != null) {
            body.put("model", request.model());
        }
        ArrayNode messages = body.putArray("messages");
        if (!request.instructions().isEmpty()) {
            ObjectNode system = messages.addObject().put("role", "system");
            system.set("content", content(request.instructions()));
        }
        for (Message message : request.messages()) {
            encodeMessage(message, messages);
        }
        encodeTools(request, body);
        if (request.outputCap() != null) {
            String field = request.outputCap().field() == CapField.MAX_TOKENS ? "max_tokens" : "max_completion_tokens";
            body.put(field, request.outputCap().tokens());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stopSequences().forEach(stop::add);
        }
        if (request.stream()) {
            body.put("stream", true);
            if (request.includeUsage()) {
                body.putObject("stream_options").put("include_usage", true);
            }
        }
        encodeResponseFormat(request.outputFormat(), body);
        if (request.reasoning() != null) {
            body.put("reasoning_effort", request.reasoning().effectiveEffort().wireName());
        }
        if (request.metadata() != null) {
            body.set("metadata", request.metadata());
        }
        if (request.user() != null) {
            body.put("user", request.user());
        }
        request.extensions().writeInto(body, CHAT);
        return body;
    }

    private static void encodeMessage(Message message, ArrayNode messages) {
        switch (message.role()) {
            case ASSISTANT -> encodeAssistant(message, messages);
            case TOOL, USER, SYSTEM, DEVELOPER -> encodeToolResultsThenContent(message, messages);
        }
    }

    /** Chat wants tool results as their own messages, right after the assistant turn that called the tools. */
    private static void encodeToolResultsThenContent(Message message, ArrayNode messages) {
        int others = 0;
        for (ContentPart part : message.parts()) {
            if (part instanceof ContentPart.ToolResult result) {
                ObjectNode tool = messages.addObject().put("role", "tool").put("tool_call_id", result.callId());
                tool.set("content", toolResultContent(result.content()));
                if (message.role() == Role.TOOL) {
                    message.extensions().writeInto(tool, CHAT);
                }
            } else if (part instanceof ContentPart.OpaqueItem item) {
                if (item.dialect() == CHAT) {
                    messages.add(item.raw());
                }
            } else {
                others++;
            }
        }
        if (others == 0 || message.role() == Role.TOOL) {
            return;
        }
        ObjectNode encoded = messages.addObject().put("role", roleName(message.role()));
        encoded.set("content", others == message.parts().size()
                ? content(message.parts())
                : contentExceptResults(
                        message.parts()));
        message.extensions().writeInto(encoded, CHAT);
    }

    private static String roleName(Role role) {
        return switch (role) {
            case SYSTEM -> "system";
            case DEVELOPER -> "developer";
            case ASSISTANT -> "assistant";
            case TOOL -> "tool";
            case USER -> "user";
        };
    }

    private static void encodeAssistant(Message message, ArrayNode messages) {
        ObjectNode assistant = NODES.objectNode().put("role", "assistant");
        ArrayNode content = null;
        String onlyText = null;
        int textParts = 0;
        StringBuilder refusal = null;
        ArrayNode toolCalls = null;
        for (ContentPart part : message.parts()) {
            if (part instanceof ContentPart.Text text) {
                textParts++;
                if (textParts == 1 && text.isPlainIn(CHAT)) {
                    onlyText = text.text();
                } else {
                    content = content == null ? startTextArray(onlyText) : content;
                    onlyText = null;
                    content.add(textPart(text));
                }
            } else if (part instanceof ContentPart.Refusal r) {
                refusal = refusal == null ? new StringBuilder(r.text()) : refusal.append(r.text());
            } else if (part instanceof ContentPart.ToolCall call) {
                toolCalls = toolCalls == null ? NODES.arrayNode() : toolCalls;
                toolCalls.add(toolCall(call));
            } else if (part instanceof ContentPart.Opaque opaque && opaque.dialect() == CHAT) {
                // The decoder keeps non-function tool calls (custom tools) opaque; they carry an id, content parts do not.
                if (opaque.raw().has("id")) {
                    toolCalls = toolCalls == null ? NODES.arrayNode() : toolCalls;
                    toolCalls.add(opaque.raw());
                } else {
                    content = content == null ? startTextArray(onlyText) : content;
                    onlyText = null;
                    content.add(opaque.raw());
                }
            } else if (part instanceof ContentPart.OpaqueItem item && item.dialect() == CHAT) {
                messages.add(item.raw());
            }
            // Thinking has no place in a Chat request: OpenAI keeps reasoning server-side.
        }
        if (content != null) {
            assistant.set("content", content);
        } else if (onlyText != null) {
            assistant.put("content", onlyText);
        } else if (toolCalls == null && refusal == null) {
            assistant.put("content", "");
        } else {
            assistant.putNull("content");
        }
        if (refusal != null) {
            assistant.put("refusal", refusal.toString());
        }
        if (toolCalls != null) {
            assistant.set("tool_calls", toolCalls);
        }
        message.extensions().writeInto(assistant, CHAT);
        if (textParts > 0 || refusal != null || toolCalls != null || !message.extensions().isEmpty()) {
            messages.add(assistant);
        }
    }

    private static ArrayNode startTextArray(String firstText) {
        ArrayNode content = NODES.arrayNode();
        if (firstText != null) {
            content.addObject().put("type", "text").put("text", firstText);
        }
        return content;
    }

    private static ObjectNode toolCall(ContentPart.ToolCall call) {
        ObjectNode encoded = NODES.objectNode().put("id", call.id()).put("type", "function");
        encoded.putObject("function").put("name", call.name()).put("arguments", call.arguments().json());
        call.extensions().writeInto(encoded, CHAT);
        return encoded;
    }

    /** A single plain text part becomes a bare string, anything else an array of parts. */
    static JsonNode content(List<ContentPart> parts) {
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text && text.isPlainIn(CHAT)) {
            return NODES.textNode(text.text());
        }
        return contentExceptResults(parts);
    }

    private static ArrayNode contentExceptResults(List<ContentPart> parts) {
        ArrayNode array = NODES.arrayNode();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text text) {
                array.add(textPart(text));
            } else if (part instanceof ContentPart.Refusal refusal) {
                array.addObject().put("type", "text").put("text", refusal.text());
            } else if (part instanceof ContentPart.Image image) {
                array.add(imagePart(image));
            } else if (part instanceof ContentPart.Opaque opaque && opaque.dialect() == CHAT) {
                array.add(opaque.raw());
            }
        }
        return array;
    }

    private static ObjectNode textPart(ContentPart.Text text) {
        ObjectNode part = NODES.objectNode().put("type", "text").put("text", text.text());
        text.extensions().writeInto(part, CHAT);
        return part;
    }

    private static ObjectNode imagePart(ContentPart.Image image) {
        ObjectNode part = NODES.objectNode().put("type", "image_url");
        ObjectNode url = part.putObject("image_url");
        url.put("url", image.source() instanceof ImageSource.Url u
                ? u.url()
                : ((ImageSource.Base64) image.source()).toDataUrl());
        if (image.detail() != null) {
            url.put("detail", image.detail());
        }
        image.extensions().writeInto(part, CHAT);
        return part;
    }

    /** Chat tool messages carry text only; images in tool results are dropped. */
    private static JsonNode toolResultContent(List<ContentPart> parts) {
        int texts = 0;
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text) {
                texts++;
            }
        }
        if (texts == 0) {
            return NODES.textNode("");
        }
        if (texts == 1 && parts.size() == 1 && ((ContentPart.Text) parts.get(0)).isPlainIn(CHAT)) {
            return NODES.textNode(((ContentPart.Text) parts.get(0)).text());
        }
        ArrayNode array = NODES.arrayNode();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text text) {
                array.add(textPart(text));
            }
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
                ObjectNode encoded = tools.addObject().put("type", "function");
                ObjectNode definition = encoded.putObject("function").put("name", function.name());
                if (function.description() != null) {
                    definition.put("description", function.description());
                }
                if (function.parameters() != null) {
                    definition.set("parameters", function.parameters());
                }
                if (function.strict()) {
                    definition.put("strict", true);
                }
                function.extensions().writeInto(definition, CHAT);
            } else if (tool instanceof Tool.HostedTool hosted && hosted.dialect() == CHAT) {
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
                case NAMED -> {
                    ObjectNode named = NODES.objectNode().put("type", "function");
                    named.putObject("function").put("name", choice.toolName());
                    yield named;
                }
            });
        }
        if (request.parallelToolCalls() != null) {
            body.put("parallel_tool_calls", request.parallelToolCalls());
        }
    }

    private static void encodeResponseFormat(OutputFormat format, ObjectNode body) {
        if (format instanceof OutputFormat.JsonObject) {
            body.putObject("response_format").put("type", "json_object");
        } else if (format instanceof OutputFormat.JsonSchema schema) {
            ObjectNode encoded = body.putObject("response_format").put("type", "json_schema");
            ObjectNode definition = encoded.putObject("json_schema").put("name", schema.name());
            if (schema.description() != null) {
                definition.put("description", schema.description());
            }
            if (schema.schema() != null) {
                definition.set("schema", schema.schema());
            }
            if (schema.strict()) {
                definition.put("strict", true);
            }
        }
    }
}
