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
import dev.switchboard.model.canonical.Reasoning;
import dev.switchboard.model.canonical.Role;
import dev.switchboard.model.canonical.Tool;
import dev.switchboard.model.canonical.ToolArguments;
import dev.switchboard.model.canonical.ToolChoice;
import dev.switchboard.model.dialect.Dialect;

/** Anthropic Messages request body → canonical request, in one pass over the body. */
final class AnthropicRequestDecoder {

    private static final Dialect ANTHROPIC = Dialect.ANTHROPIC_MESSAGES;

    private AnthropicRequestDecoder() {
    }

    static CanonicalRequest decode(ObjectNode body) {
        CanonicalRequest.Builder out = CanonicalRequest.builder().source(ANTHROPIC);
        ObjectNode kept = null;
        boolean sawMessages = false;
        boolean sawMaxTokens = false;
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "model" -> out.model(Fields.string(value, "model"));
                case "messages" -> {
                    out.messages(decodeMessages(value));
                    sawMessages = true;
                }
                case "system" -> out.instructions(decodeSystem(value));
                case "max_tokens" -> {
                    Integer cap = Fields.positiveInt(value, "max_tokens");
                    if (cap != null) {
                        out.outputCap(new OutputCap(cap, CapField.MAX_TOKENS));
                        sawMaxTokens = true;
                    }
                }
                case "temperature" -> out.temperature(Fields.number(value, "temperature"));
                case "top_p" -> out.topP(Fields.number(value, "top_p"));
                case "stop_sequences" -> {
                    if (value.isTextual()) {
                        throw invalid("stop_sequences", "must be an array of strings");
                    }
                    out.stopSequences(Fields.strings(value, "stop_sequences"));
                }
                case "stream" -> {
                    boolean stream = Boolean.TRUE.equals(Fields.bool(value, "stream"));
                    out.stream(stream).includeUsage(stream);
                }
                case "tools" -> out.tools(decodeTools(value));
                case "tool_choice" -> kept = decodeToolChoice(value, out, kept);
                case "thinking" -> kept = decodeThinking(value, out, kept);
                case "metadata" -> kept = decodeMetadata(value, out, kept);
                default -> kept = keep(kept, field.getKey(), value);
            }
        }
        if (!sawMessages) {
            throw invalid("messages", "required, a non-empty array");
        }
        if (!sawMaxTokens) {
            throw invalid("max_tokens", "required, a positive integer");
        }
        return out.extensions(Extensions.of(ANTHROPIC, kept)).build();
    }

    private static List<ContentPart> decodeSystem(JsonNode value) {
        if (Fields.absent(value)) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(ContentPart.Text.of(value.textValue()));
        }
        if (!value.isArray()) {
            throw invalid("system", "must be a string or an array of text blocks");
        }
        List<ContentPart> parts = new ArrayList<>(value.size());
        for (int b = 0; b < value.size(); b++) {
            JsonNode block = value.get(b);
            if (!"text".equals(Fields.text(block, "type"))) {
                throw invalid("system[" + b + "].type", "must be text");
            }
            parts.add(textBlock(block, "system[" + b + "]"));
        }
        return parts;
    }

    private static List<Message> decodeMessages(JsonNode value) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw invalid("messages", "required, a non-empty array");
        }
        List<Message> messages = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode message = value.get(i);
            if (!message.isObject()) {
                throw invalid("messages[" + i + "]", "must be an object");
            }
            Role role = null;
            List<ContentPart> parts = null;
            ObjectNode kept = null;
            for (Map.Entry<String, JsonNode> field : message.properties()) {
                switch (field.getKey()) {
                    case "role" -> role = role(field.getValue(), i);
                    case "content" -> parts = decodeContent(field.getValue(), i);
                    default -> kept = keep(kept, field.getKey(), field.getValue());
                }
            }
            if (role == null) {
                throw invalid("messages[" + i + "].role", "must be user, assistant or system");
            }
            if (parts == null) {
                throw invalid("messages[" + i + "].content", "required, a string or an array of content blocks");
            }
            messages.add(new Message(role, parts, Extensions.of(ANTHROPIC, kept)));
        }
        return messages;
    }

    private static Role role(JsonNode value, int i) {
        String name = value.isTextual() ? value.textValue() : "";
        return switch (name) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            // Claude Code sends system turns inside the conversation; they instruct like the top-level system prompt
            case "system" -> Role.SYSTEM;
            default -> throw invalid("messages[" + i + "].role", "must be user, assistant or system");
        };
    }

    private static List<ContentPart> decodeContent(JsonNode content, int i) {
        if (content.isTextual()) {
            return List.of(ContentPart.Text.of(content.textValue()));
        }
        if (!content.isArray()) {
            throw invalid("messages[" + i + "].content", "must be a string or an array of content blocks");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int b = 0; b < content.size(); b++) {
            parts.add(block(content.get(b), i, b));
        }
        return parts;
    }

    private static ContentPart block(JsonNode block, int i, int b) {
        String type = block.isObject() ? Fields.text(block, "type") : null;
        if (type == null) {
            throw invalid("messages[" + i + "].content[" + b + "].type", "required");
        }
        return switch (type) {
            case "text" -> textBlock(block, "messages[" + i + "].content[" + b + "]");
            case "image" -> image(block);
            case "tool_use" -> toolUse(block, i, b);
            case "tool_result" -> toolResult(block, i, b);
            case "thinking" -> {
                String signature = Fields.text(block, "signature");
                yield new ContentPart.Thinking(Fields.text(block, "thinking"),
                        signature == null || signature.isEmpty() ? null : signature,
                        except(block, "type", "thinking", "signature"));
            }
            case "redacted_thinking" -> new ContentPart.RedactedThinking(Fields.text(block, "data"));
            default -> new ContentPart.Opaque(ANTHROPIC, block);
        };
    }

    private static ContentPart.Text textBlock(JsonNode block, String path) {
        JsonNode text = block.get("text");
        if (text == null || !text.isTextual()) {
            throw invalid(path + ".text", "required, a string");
        }
        return new ContentPart.Text(text.textValue(), except(block, "type", "text", null));
    }

    private static ContentPart image(JsonNode block) {
        JsonNode source = block.path("source");
        String sourceType = Fields.text(source, "type");
        if ("base64".equals(sourceType)) {
            return new ContentPart.Image(
                    new ImageSource.Base64(Fields.text(source, "media_type"), Fields.text(source, "data")), null,
                    except(block, "type", "source", null));
        }
        if ("url".equals(sourceType)) {
            return new ContentPart.Image(new ImageSource.Url(Fields.text(source, "url")), null,
                    except(block, "type", "source", null));
        }
        // file sources name an Anthropic Files API upload
        return new ContentPart.Opaque(ANTHROPIC, block);
    }

    private static ContentPart toolUse(JsonNode block, int i, int b) {
        String id = Fields.requiredString(block.get("id"), "messages[" + i + "].content[" + b + "].id");
        String name = Fields.requiredString(block.get("name"), "messages[" + i + "].content[" + b + "].name");
        JsonNode input = block.get("input");
        if (input == null || !input.isObject()) {
            throw invalid("messages[" + i + "].content[" + b + "].input", "required, an object");
        }
        return new ContentPart.ToolCall(id, name, ToolArguments.ofNode(input), except(block, "type", "id", "name",
                "input"));
    }

    private static ContentPart toolResult(JsonNode block, int i, int b) {
        String callId = Fields.requiredString(block.get("tool_use_id"),
                "messages[" + i + "].content[" + b + "].tool_use_id");
        JsonNode content = block.get("content");
        List<ContentPart> parts;
        if (Fields.absent(content)) {
            parts = List.of();
        } else if (content.isTextual()) {
            parts = List.of(ContentPart.Text.of(content.textValue()));
        } else if (content.isArray()) {
            parts = new ArrayList<>(content.size());
            for (int c = 0; c < content.size(); c++) {
                parts.add(block(content.get(c), i, b));
            }
        } else {
            throw invalid("messages[" + i + "].content[" + b + "].content", "must be a string or an array");
        }
        return new ContentPart.ToolResult(callId, parts, block.path("is_error").asBoolean(false), except(block,
                "type", "tool_use_id", "content", "is_error"));
    }

    private static Extensions except(JsonNode node, String a, String b, String c) {
        return except(node, a, b, c, null);
    }

    private static Extensions except(JsonNode node, String a, String b, String c, String d) {
        return Fields.extensionsExcept(ANTHROPIC, node, a, b, c, d);
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
            if (type != null && !type.equals("custom")) {
                tools.add(new Tool.HostedTool(ANTHROPIC, tool));
                continue;
            }
            JsonNode name = tool.get("name");
            if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
                throw invalid("tools[" + t + "].name", "required, a non-empty string");
            }
            JsonNode schema = tool.get("input_schema");
            if (schema == null || !schema.isObject()) {
                throw invalid("tools[" + t + "].input_schema", "required, an object");
            }
            ObjectNode kept = null;
            for (Map.Entry<String, JsonNode> field : tool.properties()) {
                switch (field.getKey()) {
                    case "name", "description", "input_schema", "strict" -> {
                    }
                    default -> kept = keep(kept, field.getKey(), field.getValue());
                }
            }
            tools.add(new Tool.FunctionTool(name.textValue(), Fields.text(tool, "description"), schema,
                    tool.path("strict").asBoolean(false), Extensions.of(ANTHROPIC, kept)));
        }
        return tools;
    }

    private static ObjectNode decodeToolChoice(JsonNode value, CanonicalRequest.Builder out, ObjectNode kept) {
        ObjectNode choice = Fields.object(value, "tool_choice");
        if (choice == null) {
            return kept;
        }
        String type = Fields.text(choice, "type");
        ToolChoice decoded = switch (type == null ? "" : type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.named(Fields.requiredString(choice.get("name"), "tool_choice.name"));
            default -> throw invalid("tool_choice.type", "must be auto, any, tool or none");
        };
        out.toolChoice(decoded);
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.parallelToolCalls(false);
        }
        return kept;
    }

    private static ObjectNode decodeThinking(JsonNode value, CanonicalRequest.Builder out, ObjectNode kept) {
        ObjectNode thinking = Fields.object(value, "thinking");
        if (thinking == null) {
            return kept;
        }
        String type = Fields.text(thinking, "type");
        if ("enabled".equals(type)) {
            Integer budget = Fields.positiveInt(thinking.get("budget_tokens"), "thinking.budget_tokens");
            if (budget == null) {
                throw invalid("thinking.budget_tokens", "required, a positive integer");
            }
            out.reasoning(Reasoning.ofBudget(budget));
            return kept;
        }
        if ("disabled".equals(type)) {
            return kept;
        }
        // newer thinking modes travel untranslated, to Anthropic only
        return keep(kept, "thinking", thinking);
    }

    private static ObjectNode decodeMetadata(JsonNode value, CanonicalRequest.Builder out, ObjectNode kept) {
        ObjectNode metadata = Fields.object(value, "metadata");
        if (metadata == null) {
            return kept;
        }
        ObjectNode rest = null;
        for (Map.Entry<String, JsonNode> field : metadata.properties()) {
            if (field.getKey().equals("user_id")) {
                out.user(Fields.string(field.getValue(), "metadata.user_id"));
            } else {
                rest = keep(rest, field.getKey(), field.getValue());
            }
        }
        return rest == null ? kept : keep(kept, "metadata", rest);
    }
}
