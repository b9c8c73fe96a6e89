package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.Fields.invalid;
import static dev.switchboard.model.codec.Fields.keep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.CapField;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.Extensions;
import dev.switchboard.model.canonical.ImageSource;
import dev.switchboard.model.canonical.Message;
import dev.switchboard.model.canonical.OutputCap;
import dev.switchboard.model.canonical.OutputFormat;
import dev.switchboard.model.canonical.Reasoning;
import dev.switchboard.model.canonical.ReasoningEffort;
import dev.switchboard.model.canonical.Role;
import dev.switchboard.model.canonical.Tool;
import dev.switchboard.model.canonical.ToolArguments;
import dev.switchboard.model.canonical.ToolChoice;
import dev.switchboard.model.dialect.Dialect;

/** OpenAI Chat Completions request body → canonical request, in one pass over the body. */
final class ChatRequestDecoder {

    private static final Dialect CHAT = Dialect.OPENAI_CHAT;

    private ChatRequestDecoder() {
    }

    static CanonicalRequest decode(ObjectNode body) {
        CanonicalRequest.Builder out = CanonicalRequest.builder().source(CHAT);
        ObjectNode kept = null;
        Integer maxTokens = null;
        Integer maxCompletionTokens = null;
        boolean sawMessages = false;
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "model" -> out.model(Fields.string(value, "model"));
                case "messages" -> {
                    decodeMessages(value, out);
                    sawMessages = true;
                }
                case "tools" -> out.tools(decodeTools(value));
                case "tool_choice" -> {
                    ToolChoice choice = decodeToolChoice(value);
                    if (choice != null) {
                        out.toolChoice(choice);
                    } else if (!Fields.absent(value)) {
                        kept = keep(kept, "tool_choice", value);
                    }
                }
                case "parallel_tool_calls" -> out.parallelToolCalls(Fields.bool(value, "parallel_tool_calls"));
                case "max_tokens" -> maxTokens = Fields.positiveInt(value, "max_tokens");
                case "max_completion_tokens" -> maxCompletionTokens = Fields.positiveInt(value,
                        "max_completion_tokens");
                case "temperature" -> out.temperature(Fields.number(value, "temperature"));
                case "top_p" -> out.topP(Fields.number(value, "top_p"));
                case "stop" -> out.stopSequences(Fields.strings(value, "stop"));
                case "stream" -> out.stream(Boolean.TRUE.equals(Fields.bool(value, "stream")));
                case "stream_options" -> kept = decodeStreamOptions(value, out, kept);
                case "response_format" -> {
                    OutputFormat format = decodeResponseFormat(value);
                    if (format != null) {
                        out.outputFormat(format);
                    } else if (!Fields.absent(value) && !"text".equals(Fields.text(value, "type"))) {
                        kept = keep(kept, "response_format", value);
                    }
                }
                case "reasoning_effort" -> out.reasoning(decodeEffort(value));
                case "metadata" -> out.metadata(Fields.object(value, "metadata"));
                case "user" -> out.user(Fields.string(value, "user"));
                default -> kept = keep(kept, field.getKey(), value);
            }
        }
        if (!sawMessages) {
            throw invalid("messages", "required, a non-empty array");
        }
        if (maxTokens != null) {
            out.outputCap(new OutputCap(maxTokens, CapField.MAX_TOKENS));
            if (maxCompletionTokens != null) {
                kept = keep(kept, "max_completion_tokens", body.get("max_completion_tokens"));
            }
        } else if (maxCompletionTokens != null) {
            out.outputCap(new OutputCap(maxCompletionTokens, CapField.MAX_COMPLETION_TOKENS));
        }
        return out.extensions(Extensions.of(CHAT, kept)).build();
    }

    private static void decodeMessages(JsonNode value, CanonicalRequest.Builder out) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw invalid("messages", "required, a non-empty array");
        }
        List<ContentPart> instructions = new ArrayList<>(2);
        List<Message> messages = new ArrayList<>(value.size());
        boolean leading = true;
        for (int i = 0; i < value.size(); i++) {
            JsonNode message = value.get(i);
            if (!message.isObject()) {
                throw invalid("messages[" + i + "]", "must be an object");
            }
            String role = Fields.text(message, "role");
            if (role == null) {
                throw invalid("messages[" + i + "].role",
                        "must be one of system, developer, user, assistant, tool, function");
            }
            if (leading && role.equals("system") && isPlainSystemMessage(message)) {
                instructions.addAll(decodeContent(message.get("content"), i));
                continue;
            }
            leading = false;
            messages.add(decodeMessage((ObjectNode) message, role, i));
        }
        out.instructions(instructions).messages(messages);
    }

    /** A leading system message with nothing but role and content becomes instructions without losing anything. */
    private static boolean isPlainSystemMessage(JsonNode message) {
        return message.size() == 2 && message.has("content");
    }

    private static Message decodeMessage(ObjectNode message, String role, int i) {
        return switch (role) {
            case "system" -> simpleMessage(Role.SYSTEM, message, i);
            case "developer" -> simpleMessage(Role.DEVELOPER, message, i);
            case "user" -> simpleMessage(Role.USER, message, i);
            case "assistant" -> assistantMessage(message, i);
            case "tool" -> toolMessage(message, i);
            // The deprecated function-calling protocol is kept for Chat upstreams only.
            case "function" -> Message.of(Role.TOOL, new ContentPart.OpaqueItem(CHAT, message));
            default -> throw invalid("messages[" + i + "].role",
                    "must be one of system, developer, user, assistant, tool, function");
        };
    }

    private static Message simpleMessage(Role role, ObjectNode message, int i) {
        List<ContentPart> parts = List.of();
        ObjectNode kept = null;
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            switch (field.getKey()) {
                case "role" -> {
                }
                case "content" -> parts = decodeContent(field.getValue(), i);
                default -> kept = keep(kept, field.getKey(), field.getValue());
            }
        }
        return new Message(role, parts, Extensions.of(CHAT, kept));
    }

    private static Message assistantMessage(ObjectNode message, int i) {
        List<ContentPart> parts = new ArrayList<>(4);
        JsonNode toolCalls = null;
        JsonNode refusal = null;
        ObjectNode kept = null;
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            switch (field.getKey()) {
                case "role" -> {
                }
                case "content" -> parts.addAll(decodeContent(field.getValue(), i));
                case "tool_calls" -> toolCalls = field.getValue();
                case "refusal" -> refusal = field.getValue();
                default -> kept = keep(kept, field.getKey(), field.getValue());
            }
        }
        if (refusal != null && refusal.isTextual()) {
            parts.add(new ContentPart.Refusal(refusal.textValue()));
        }
        if (!Fields.absent(toolCalls)) {
            decodeToolCalls(toolCalls, i, parts);
        }
        return new Message(Role.ASSISTANT, parts, Extensions.of(CHAT, kept));
    }

    private static void decodeToolCalls(JsonNode toolCalls, int i, List<ContentPart> parts) {
        if (!toolCalls.isArray()) {
            throw invalid("messages[" + i + "].tool_calls", "must be an array");
        }
        for (int c = 0; c < toolCalls.size(); c++) {
            JsonNode call = toolCalls.get(c);
            if (!call.isObject()) {
                throw invalid("messages[" + i + "].tool_calls[" + c + "]", "must be an object");
            }
            String type = Fields.text(call, "type");
            if (type != null && !type.equals("function")) {
                parts.add(new ContentPart.Opaque(CHAT, call));
                continue;
            }
            JsonNode id = call.get("id");
            if (id == null || !id.isTextual()) {
                throw invalid("messages[" + i + "].tool_calls[" + c + "].id", "required, a string");
            }
            JsonNode function = call.get("function");
            JsonNode name = function == null ? null : function.get("name");
            if (name == null || !name.isTextual()) {
                throw invalid("messages[" + i + "].tool_calls[" + c + "].function.name", "required, a string");
            }
            JsonNode arguments = function.get("arguments");
            if (!Fields.absent(arguments) && !arguments.isTextual()) {
                throw invalid("messages[" + i + "].tool_calls[" + c + "].function.arguments", "must be a string");
            }
            ObjectNode kept = null;
            for (Map.Entry<String, JsonNode> field : call.properties()) {
                String key = field.getKey();
                if (!key.equals("id") && !key.equals("type") && !key.equals("function")) {
                    kept = keep(kept, key, field.getValue());
                }
            }
            parts.add(new ContentPart.ToolCall(id.textValue(), name.textValue(),
                    ToolArguments.ofJson(arguments == null || arguments.isNull() ? "" : arguments.textValue()),
                    Extensions.of(CHAT, kept)));
        }
    }

    private static Message toolMessage(ObjectNode message, int i) {
        String callId = null;
        List<ContentPart> content = List.of();
        ObjectNode kept = null;
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            switch (field.getKey()) {
                case "role" -> {
                }
                case "tool_call_id" -> {
                    JsonNode value = field.getValue();
                    if (!value.isTextual()) {
                        throw invalid("messages[" + i + "].tool_call_id", "required, a string");
                    }
                    callId = value.textValue();
                }
                case "content" -> content = decodeContent(field.getValue(), i);
                default -> kept = keep(kept, field.getKey(), field.getValue());
            }
        }
        if (callId == null) {
            throw invalid("messages[" + i + "].tool_call_id", "required, a string");
        }
        return new Message(Role.TOOL, List.of(new ContentPart.ToolResult(callId, content, false, Extensions.NONE)),
                Extensions.of(CHAT, kept));
    }

    static List<ContentPart> decodeContent(JsonNode content, int i) {
        if (Fields.absent(content)) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(ContentPart.Text.of(content.textValue()));
        }
        if (!content.isArray()) {
            throw invalid("messages[" + i + "].content", "must be a string or an array of content parts");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int p = 0; p < content.size(); p++) {
            JsonNode part = content.get(p);
            String type = part.isObject() ? Fields.text(part, "type") : null;
            if (type == null) {
                throw invalid("messages[" + i + "].content[" + p + "].type", "required");
            }
            parts.add(switch (type) {
                case "text" -> textPart(part, i, p);
                case "image_url" -> imagePart(part, i, p);
                case "refusal" -> new ContentPart.Refusal(part.path("refusal").asText(""));
                default -> new ContentPart.Opaque(CHAT, part);
            });
        }
        return parts;
    }

    private static ContentPart textPart(JsonNode part, int i, int p) {
        JsonNode text = part.get("text");
        if (text == null || !text.isTextual()) {
            throw invalid("messages[" + i + "].content[" + p + "].text", "required, a string");
        }
        return new ContentPart.Text(text.textValue(), extensionsExcept(part, "type", "text"));
    }

    private static ContentPart imagePart(JsonNode part, int i, int p) {
        JsonNode image = part.get("image_url");
        JsonNode url = image == null ? null : image.get("url");
        if (url == null || !url.isTextual()) {
            throw invalid("messages[" + i + "].content[" + p + "].image_url.url", "required, a string");
        }
        return new ContentPart.Image(new ImageSource.Url(url.textValue()), Fields.text(image, "detail"),
                extensionsExcept(part, "type", "image_url"));
    }

    private static Extensions extensionsExcept(JsonNode node, String known1, String known2) {
        if (node.size() <= 2) {
            return Extensions.NONE;
        }
        return Fields.extensionsExcept(CHAT, node, known1, known2, null, null);
    }

    private static List<Tool> decodeTools(JsonNode value) {
        if (Fields.absent(value)) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid("tools", "must be an array");
        }
        List<Tool> tools = new ArrayList<>(value.size());
        for (int t = 0; t < value.size(); t++) {
            JsonNode tool = value.get(t);
            if (!tool.isObject()) {
                throw invalid("tools[" + t + "]", "must be an object");
            }
            String type = Fields.text(tool, "type");
            if (type != null && !type.equals("function")) {
                tools.add(new Tool.HostedTool(CHAT, tool));
                continue;
            }
            JsonNode function = tool.get("function");
            if (function == null || !function.isObject()) {
                throw invalid("tools[" + t + "].function", "required, an object");
            }
            JsonNode name = function.get("name");
            if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
                throw invalid("tools[" + t + "].function.name", "required, a non-empty string");
            }
            ObjectNode kept = null;
            for (Map.Entry<String, JsonNode> field : function.properties()) {
                switch (field.getKey()) {
                    case "name", "description", "parameters", "strict" -> {
                    }
                    default -> kept = keep(kept, field.getKey(), field.getValue());
                }
            }
            JsonNode parameters = function.get("parameters");
            tools.add(new Tool.FunctionTool(name.textValue(), Fields.text(function, "description"),
                    Fields.absent(parameters) ? null : parameters, function.path("strict").asBoolean(false),
                    Extensions.of(CHAT, kept)));
        }
        return tools;
    }

    /** @return {@code null} when absent or a shape the canonical model does not know (kept verbatim instead) */
    private static ToolChoice decodeToolChoice(JsonNode value) {
        if (Fields.absent(value)) {
            return null;
        }
        if (value.isTextual()) {
            return switch (value.textValue()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw invalid("tool_choice", "must be auto, none, required or an object");
            };
        }
        if (!value.isObject()) {
            throw invalid("tool_choice", "must be auto, none, required or an object");
        }
        if ("function".equals(Fields.text(value, "type"))) {
            JsonNode name = value.path("function").get("name");
            if (name == null || !name.isTextual()) {
                throw invalid("tool_choice.function.name", "required, a string");
            }
            return ToolChoice.named(name.textValue());
        }
        return null;
    }

    private static ObjectNode decodeStreamOptions(JsonNode value, CanonicalRequest.Builder out, ObjectNode kept) {
        ObjectNode options = Fields.object(value, "stream_options");
        if (options == null) {
            return kept;
        }
        ObjectNode rest = null;
        for (Map.Entry<String, JsonNode> field : options.properties()) {
            if (field.getKey().equals("include_usage")) {
                out.includeUsage(Boolean.TRUE.equals(Fields.bool(field.getValue(), "stream_options.include_usage")));
            } else {
                rest = keep(rest, field.getKey(), field.getValue());
            }
        }
        return rest == null ? kept : keep(kept, "stream_options", rest);
    }

    /** @return {@code null} for text, absence, or an unknown type (kept verbatim instead) */
    private static OutputFormat decodeResponseFormat(JsonNode value) {
        ObjectNode format = Fields.object(value, "response_format");
        if (format == null) {
            return null;
        }
        String type = Fields.text(format, "type");
        if (type == null) {
            throw invalid("response_format.type", "required");
        }
        return switch (type) {
            case "json_object" -> OutputFormat.JsonObject.INSTANCE;
            case "json_schema" -> {
                JsonNode schema = format.get("json_schema");
                if (schema == null || !schema.isObject()) {
                    throw invalid("response_format.json_schema", "required, an object");
                }
                String name = Fields.requiredString(schema.get("name"), "response_format.json_schema.name");
                JsonNode body = schema.get("schema");
                yield new OutputFormat.JsonSchema(name, Fields.text(schema, "description"),
                        Fields.absent(body) ? null : body, schema.path("strict").asBoolean(false));
            }
            default -> null;
        };
    }

    private static Reasoning decodeEffort(JsonNode value) {
        String name = Fields.string(value, "reasoning_effort");
        if (name == null) {
            return null;
        }
        ReasoningEffort effort = ReasoningEffort.fromWireName(name);
        if (effort == null) {
            throw invalid("reasoning_effort", "must be one of none, minimal, low, medium, high, xhigh");
        }
        return Reasoning.ofEffort(effort);
    }
}
