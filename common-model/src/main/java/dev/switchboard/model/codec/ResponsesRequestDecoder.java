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

/**
 * OpenAI Responses request body → canonical request. Input items are regrouped into turns: reasoning, assistant
 * message and function-call items that follow each other form one assistant message, as Chat and Anthropic need.
 */
final class ResponsesRequestDecoder {

    private static final Dialect RESPONSES = Dialect.OPENAI_RESPONSES;

    private ResponsesRequestDecoder() {
    }

    static CanonicalRequest decode(ObjectNode body) {
        CanonicalRequest.Builder out = CanonicalRequest.builder().source(RESPONSES);
        ObjectNode kept = null;
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "model" -> out.model(Fields.string(value, "model"));
                case "input" -> out.messages(decodeInput(value));
                case "instructions" -> {
                    String instructions = Fields.string(value, "instructions");
                    if (instructions != null) {
                        out.instructions(List.of(ContentPart.Text.of(instructions)));
                    }
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
                case "max_output_tokens" -> {
                    Integer cap = Fields.positiveInt(value, "max_output_tokens");
                    if (cap != null) {
                        out.outputCap(new OutputCap(cap, CapField.MAX_OUTPUT_TOKENS));
                    }
                }
                case "temperature" -> out.temperature(Fields.number(value, "temperature"));
                case "top_p" -> out.topP(Fields.number(value, "top_p"));
                case "stream" -> {
                    boolean stream = Boolean.TRUE.equals(Fields.bool(value, "stream"));
                    out.stream(stream).includeUsage(stream);
                }
                case "reasoning" -> kept = decodeReasoning(value, out, kept);
                case "text" -> kept = decodeText(value, out, kept);
                case "metadata" -> out.metadata(Fields.object(value, "metadata"));
                case "user" -> out.user(Fields.string(value, "user"));
                default -> kept = keep(kept, field.getKey(), value);
            }
        }
        return out.extensions(Extensions.of(RESPONSES, kept)).build();
    }

    private static List<Message> decodeInput(JsonNode input) {
        if (Fields.absent(input)) {
            return List.of();
        }
        if (input.isTextual()) {
            return List.of(Message.text(Role.USER, input.textValue()));
        }
        if (!input.isArray()) {
            throw invalid("input", "must be a string or an array of input items");
        }
        return new InputTurns(input.size()).decode(input);
    }

    /** Regroups the flat item list into canonical messages. */
    private static final class InputTurns {
        private final List<Message> messages;
        private List<ContentPart> assistantParts;
        private Extensions assistantExtensions = Extensions.NONE;
        private boolean assistantHasMessageItem;

        InputTurns(int items) {
            messages = new ArrayList<>(items);
        }

        List<Message> decode(JsonNode input) {
            for (int i = 0; i < input.size(); i++) {
                JsonNode item = input.get(i);
                if (!item.isObject()) {
                    throw invalid("input[" + i + "]", "must be an object");
                }
                String type = Fields.text(item, "type");
                switch (type == null ? "message" : type) {
                    case "message" -> message((ObjectNode) item, i);
                    case "function_call" -> assistantParts().add(functionCall((ObjectNode) item, i));
                    case "reasoning" -> assistantParts().add(reasoning((ObjectNode) item));
                    case "function_call_output" -> {
                        flushAssistant();
                        messages.add(Message.of(Role.TOOL, functionCallOutput((ObjectNode) item, i)));
                    }
                    default -> {
                        flushAssistant();
                        messages.add(Message.of(Role.ASSISTANT, new ContentPart.OpaqueItem(RESPONSES, item)));
                    }
                }
            }
            flushAssistant();
            return messages;
        }

        private List<ContentPart> assistantParts() {
            if (assistantParts == null) {
                assistantParts = new ArrayList<>(4);
            }
            return assistantParts;
        }

        private void flushAssistant() {
            if (assistantParts != null) {
                messages.add(new Message(Role.ASSISTANT, assistantParts, assistantExtensions));
            }
            assistantParts = null;
            assistantExtensions = Extensions.NONE;
            assistantHasMessageItem = false;
        }

        private void message(ObjectNode item, int i) {
            Role role = role(item.get("role"), i);
            List<ContentPart> parts = List.of();
            ObjectNode kept = null;
            for (Map.Entry<String, JsonNode> field : item.properties()) {
                switch (field.getKey()) {
                    case "role", "type" -> {
                    }
                    case "content" -> parts = decodeContent(field.getValue(), i);
                    default -> kept = keep(kept, field.getKey(), field.getValue());
                }
            }
            if (role != Role.ASSISTANT) {
                flushAssistant();
                messages.add(new Message(role, parts, Extensions.of(RESPONSES, kept)));
                return;
            }
            if (assistantHasMessageItem) {
                flushAssistant();
            }
            assistantParts().addAll(parts);
            assistantExtensions = Extensions.of(RESPONSES, kept);
            assistantHasMessageItem = true;
        }
    }

    private static Role role(JsonNode role, int i) {
        String name = role != null && role.isTextual() ? role.textValue() : "";
        return switch (name) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "system" -> Role.SYSTEM;
            case "developer" -> Role.DEVELOPER;
            default -> throw invalid("input[" + i + "].role", "must be one of user, assistant, system, developer");
        };
    }

    private static ContentPart functionCall(ObjectNode item, int i) {
        String callId = Fields.requiredString(item.get("call_id"), "input[" + i + "].call_id");
        String name = Fields.requiredString(item.get("name"), "input[" + i + "].name");
        JsonNode arguments = item.get("arguments");
        if (!Fields.absent(arguments) && !arguments.isTextual()) {
            throw invalid("input[" + i + "].arguments", "must be a string");
        }
        return new ContentPart.ToolCall(callId, name,
                ToolArguments.ofJson(Fields.absent(arguments) ? "" : arguments.textValue()),
                extensionsExcept(item, "type", "call_id", "name", "arguments"));
    }

    private static ContentPart reasoning(ObjectNode item) {
        StringBuilder text = new StringBuilder();
        for (JsonNode summary : item.path("summary")) {
            String part = Fields.text(summary, "text");
            if (part != null) {
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(part);
            }
        }
        return new ContentPart.Thinking(text.toString(), null, extensionsExcept(item, "type", "summary", null, null));
    }

    private static ContentPart functionCallOutput(ObjectNode item, int i) {
        String callId = Fields.requiredString(item.get("call_id"), "input[" + i + "].call_id");
        JsonNode output = item.get("output");
        List<ContentPart> content;
        if (output != null && output.isTextual()) {
            content = List.of(ContentPart.Text.of(output.textValue()));
        } else if (output != null && output.isArray()) {
            content = decodeContent(output, i);
        } else {
            throw invalid("input[" + i + "].output", "required, a string or an array of content parts");
        }
        return new ContentPart.ToolResult(callId, content, false,
                extensionsExcept(item, "type", "call_id", "output", null));
    }

    private static List<ContentPart> decodeContent(JsonNode content, int i) {
        if (content.isTextual()) {
            return List.of(ContentPart.Text.of(content.textValue()));
        }
        if (!content.isArray()) {
            throw invalid("input[" + i + "].content", "must be a string or an array of content parts");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int p = 0; p < content.size(); p++) {
            JsonNode part = content.get(p);
            String type = part.isObject() ? Fields.text(part, "type") : null;
            if (type == null) {
                throw invalid("input[" + i + "].content[" + p + "].type", "required");
            }
            parts.add(switch (type) {
                case "input_text", "output_text" -> {
                    JsonNode text = part.get("text");
                    if (text == null || !text.isTextual()) {
                        throw invalid("input[" + i + "].content[" + p + "].text", "required, a string");
                    }
                    yield new ContentPart.Text(text.textValue(), textExtensions(part));
                }
                case "refusal" -> new ContentPart.Refusal(part.path("refusal").asText(""));
                case "input_image" -> image(part);
                default -> new ContentPart.Opaque(RESPONSES, part);
            });
        }
        return parts;
    }

    /** Empty annotations/logprobs on an assistant output_text say nothing and are not worth keeping. */
    private static Extensions textExtensions(JsonNode part) {
        ObjectNode kept = null;
        for (Map.Entry<String, JsonNode> field : part.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            boolean emptyList = value.isArray() && value.isEmpty()
                    && (key.equals("annotations") || key.equals("logprobs"));
            if (!key.equals("type") && !key.equals("text") && !emptyList) {
                kept = keep(kept, key, value);
            }
        }
        return Extensions.of(RESPONSES, kept);
    }

    private static ContentPart image(JsonNode part) {
        String url = Fields.text(part, "image_url");
        if (url == null) {
            // file_id images only make sense to OpenAI
            return new ContentPart.Opaque(RESPONSES, part);
        }
        String detail = Fields.text(part, "detail");
        return new ContentPart.Image(new ImageSource.Url(url), detail,
                extensionsExcept(part, "type", "image_url", "detail", null));
    }

    private static Extensions extensionsExcept(JsonNode node, String a, String b, String c, String d) {
        return Fields.extensionsExcept(RESPONSES, node, a, b, c, d);
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
            if (type == null) {
                throw invalid("tools[" + t + "].type", "required");
            }
            if (!type.equals("function")) {
                tools.add(new Tool.HostedTool(RESPONSES, tool));
                continue;
            }
            JsonNode name = tool.get("name");
            if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
                throw invalid("tools[" + t + "].name", "required, a non-empty string");
            }
            JsonNode parameters = tool.get("parameters");
            // Responses functions are strict unless the caller says otherwise (Chat's default is the opposite).
            tools.add(new Tool.FunctionTool(name.textValue(), Fields.text(tool, "description"),
                    Fields.absent(parameters) ? null : parameters, tool.path("strict").asBoolean(true),
                    functionExtensions(tool)));
        }
        return tools;
    }

    private static Extensions functionExtensions(JsonNode tool) {
        ObjectNode kept = null;
        for (Map.Entry<String, JsonNode> field : tool.properties()) {
            switch (field.getKey()) {
                case "type", "name", "description", "parameters", "strict" -> {
                }
                default -> kept = keep(kept, field.getKey(), field.getValue());
            }
        }
        return Extensions.of(RESPONSES, kept);
    }

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
            return ToolChoice.named(Fields.requiredString(value.get("name"), "tool_choice.name"));
        }
        return null;
    }

    private static ObjectNode decodeReasoning(JsonNode value, CanonicalRequest.Builder out, ObjectNode kept) {
        ObjectNode reasoning = Fields.object(value, "reasoning");
        if (reasoning == null) {
            return kept;
        }
        ReasoningEffort effort = null;
        String summary = null;
        ObjectNode rest = null;
        for (Map.Entry<String, JsonNode> field : reasoning.properties()) {
            switch (field.getKey()) {
                case "effort" -> {
                    String name = Fields.string(field.getValue(), "reasoning.effort");
                    effort = ReasoningEffort.fromWireName(name);
                    if (name != null && effort == null) {
                        throw invalid("reasoning.effort", "must be one of none, minimal, low, medium, high, xhigh");
                    }
                }
                case "summary" -> summary = Fields.string(field.getValue(), "reasoning.summary");
                default -> rest = keep(rest, field.getKey(), field.getValue());
            }
        }
        out.reasoning(new Reasoning(effort, null, summary));
        return rest == null ? kept : keep(kept, "reasoning", rest);
    }

    private static ObjectNode decodeText(JsonNode value, CanonicalRequest.Builder out, ObjectNode kept) {
        ObjectNode text = Fields.object(value, "text");
        if (text == null) {
            return kept;
        }
        ObjectNode rest = null;
        for (Map.Entry<String, JsonNode> field : text.properties()) {
            if (field.getKey().equals("format")) {
                JsonNode format = field.getValue();
                OutputFormat decoded = decodeFormat(format);
                if (decoded != null) {
                    out.outputFormat(decoded);
                } else if (!Fields.absent(format) && !"text".equals(Fields.text(format, "type"))) {
                    rest = keep(rest, "format", format);
                }
            } else {
                rest = keep(rest, field.getKey(), field.getValue());
            }
        }
        return rest == null ? kept : keep(kept, "text", rest);
    }

    private static OutputFormat decodeFormat(JsonNode value) {
        ObjectNode format = Fields.object(value, "text.format");
        if (format == null) {
            return null;
        }
        String type = Fields.text(format, "type");
        if (type == null) {
            throw invalid("text.format.type", "required");
        }
        return switch (type) {
            case "json_object" -> OutputFormat.JsonObject.INSTANCE;
            case "json_schema" -> {
                String name = Fields.requiredString(format.get("name"), "text.format.name");
                JsonNode schema = format.get("schema");
                yield new OutputFormat.JsonSchema(name, Fields.text(format, "description"),
                        Fields.absent(schema) ? null : schema, format.path("strict").asBoolean(false));
            }
            default -> null;
        };
    }
}
