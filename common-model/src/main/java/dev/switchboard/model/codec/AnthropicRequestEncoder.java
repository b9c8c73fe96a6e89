package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.Fields.NODES;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.ContentPart;
import dev.switchboard.model.canonical.ImageSource;
import dev.switchboard.model.canonical.Message;
import dev.switchboard.model.canonical.Reasoning;
import dev.switchboard.model.canonical.Role;
import dev.switchboard.model.canonical.Tool;
import dev.switchboard.model.canonical.ToolChoice;
import dev.switchboard.model.dialect.Dialect;

/**
 * Canonical request → Anthropic Messages request body. Anthropic is the strictest dialect, so this is where most
 * adaptation happens: system and developer messages are hoisted into {@code system}, tool results are gathered into
 * one user turn, empty text is skipped, {@code max_tokens} is always set, and reasoning translated from an OpenAI
 * effort is fitted to Anthropic's thinking rules. Structured output has no Anthropic spelling and is dropped.
 */
final class AnthropicRequestEncoder {

    private static final Dialect ANTHROPIC = Dialect.ANTHROPIC_MESSAGES;
    /** Anthropic's smallest thinking budget. */
    static final int MIN_THINKING_BUDGET = 1024;

    private final int defaultMaxTokens;

    AnthropicRequestEncoder(int defaultMaxTokens) {
        this.defaultMaxTokens = defaultMaxTokens;
    }

    ObjectNode encode(CanonicalRequest request) {
        ObjectNode body = NODES.objectNode();
        if (request.model() != null) {
            body.put("model", request.model());
        }
        ArrayNode system = NODES.arrayNode();
        for (ContentPart part : request.instructions()) {
            addSystemText(part, system);
        }
        ArrayNode messages = body.putArray("messages");
        encodeMessages(request.messages(), messages, system);
        if (!system.isEmpty()) {
            body.set("system", system.size() == 1 && system.get(0).size() == 2 ? system.get(0).get("text") : system);
        }
        Thinking thinking = thinking(request);
        body.put("max_tokens", thinking.maxTokens);
        if (thinking.budget > 0) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", thinking.budget);
        }
        // Anthropic rejects sampling changes while thinking; a translated effort must not break the request.
        boolean samplingAllowed = thinking.budget == 0 || request.reasoning().budgetTokens() != null;
        if (request.temperature() != null && samplingAllowed) {
            body.put("temperature", Math.min(1.0, request.temperature()));
        }
        if (request.topP() != null && samplingAllowed) {
            body.put("top_p", request.topP());
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.stopSequences().forEach(stop::add);
        }
        if (request.stream()) {
            body.put("stream", true);
        }
        encodeTools(request, body);
        if (request.user() != null) {
            body.putObject("metadata").put("user_id", request.user());
        }
        request.extensions().writeInto(body, ANTHROPIC);
        return body;
    }

    private static void addSystemText(ContentPart part, ArrayNode system) {
        if (part instanceof ContentPart.Text text && !text.text().isEmpty()) {
            ObjectNode block = system.addObject().put("type", "text").put("text", text.text());
            text.extensions().writeInto(block, ANTHROPIC);
        }
    }

    private void encodeMessages(List<Message> canonical, ArrayNode messages, ArrayNode system) {
        ArrayNode userTurnWithResults = null;
        for (int i = 0; i < canonical.size(); i++) {
            Message message = canonical.get(i);
            if (message.role().instructs()) {
                // Anthropic has no system turns inside the conversation.
                for (ContentPart part : message.parts()) {
                    addSystemText(part, system);
                }
                continue;
            }
            ArrayNode blocks = NODES.arrayNode();
            if (message.role() == Role.ASSISTANT) {
                userTurnWithResults = null;
                for (ContentPart part : message.parts()) {
                    addBlock(part, blocks, i);
                }
                appendMessage(messages, "assistant", blocks, message);
                continue;
            }
            // Tool results go first in a user turn, and results of one assistant turn share a single user turn.
            for (ContentPart part : message.parts()) {
                if (part instanceof ContentPart.ToolResult) {
                    addBlock(part, blocks, i);
                }
            }
            for (ContentPart part : message.parts()) {
                if (!(part instanceof ContentPart.ToolResult)) {
                    addBlock(part, blocks, i);
                }
            }
            if (blocks.isEmpty()) {
                continue;
            }
            if (userTurnWithResults != null) {
                userTurnWithResults.addAll(blocks);
            } else {
                appendMessage(messages, "user", blocks, message);
                if (blocks.get(0).path("type").asText("").equals("tool_result")) {
                    userTurnWithResults = blocks;
                }
            }
        }
    }

    private static void appendMessage(ArrayNode messages, String role, ArrayNode blocks, Message message) {
        if (blocks.isEmpty()) {
            return;
        }
        ObjectNode encoded = messages.addObject().put("role", role);
        JsonNode first = blocks.get(0);
        encoded.set("content", blocks.size() == 1 && first.size() == 2 && "text".equals(first.path("type").asText())
                ? first.get("text")
                : blocks);
        message.extensions().writeInto(encoded, ANTHROPIC);
    }

    private void addBlock(ContentPart part, ArrayNode blocks, int messageIndex) {
        if (part instanceof ContentPart.Text text) {
            if (!text.text().isEmpty()) {
                ObjectNode block = blocks.addObject().put("type", "text").put("text", text.text());
                text.extensions().writeInto(block, ANTHROPIC);
            }
        } else if (part instanceof ContentPart.Refusal refusal) {
            if (!refusal.text().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", refusal.text());
            }
        } else if (part instanceof ContentPart.Image image) {
            blocks.add(image(image, messageIndex));
        } else if (part instanceof ContentPart.ToolCall call) {
            blocks.add(toolUse(call, messageIndex));
        } else if (part instanceof ContentPart.ToolResult result) {
            blocks.add(toolResult(result, messageIndex));
        } else if (part instanceof ContentPart.Thinking thinking) {
            // Only a signed block proves Anthropic produced it; unsigned thinking would be rejected.
            if (thinking.signature() != null) {
                ObjectNode block = blocks.addObject().put("type", "thinking").put("thinking", thinking.text());
                block.put("signature", thinking.signature());
                thinking.extensions().writeInto(block, ANTHROPIC);
            }
        } else if (part instanceof ContentPart.RedactedThinking redacted) {
            blocks.addObject().put("type", "redacted_thinking").put("data", redacted.data());
        } else if (part instanceof ContentPart.Opaque opaque && opaque.dialect() == ANTHROPIC) {
            blocks.add(opaque.raw());
        }
    }

    private static ObjectNode image(ContentPart.Image image, int messageIndex) {
        ObjectNode block = NODES.objectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        ImageSource.Base64 data = image.source() instanceof ImageSource.Url url
                ? url.toBase64()
                : (ImageSource.Base64) image.source();
        if (data != null) {
            source.put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
        } else {
            ImageSource.Url url = (ImageSource.Url) image.source();
            if (url.isDataUrl()) {
                throw Fields.invalid("messages[" + messageIndex + "]", "holds an image data URL that is not base64");
            }
            source.put("type", "url").put("url", url.url());
        }
        image.extensions().writeInto(block, ANTHROPIC);
        return block;
    }

    private static ObjectNode toolUse(ContentPart.ToolCall call, int messageIndex) {
        JsonNode input;
        try {
            input = call.arguments().node();
        } catch (IllegalArgumentException notJson) {
            throw Fields.invalid("messages[" + messageIndex + "]", "holds tool call arguments that are not JSON");
        }
        if (!input.isObject()) {
            throw Fields.invalid("messages[" + messageIndex + "]", "holds tool call arguments that are not an object");
        }
        ObjectNode block = NODES.objectNode().put("type", "tool_use").put("id", toolUseId(call.id()));
        block.put("name", call.name());
        block.set("input", input);
        call.extensions().writeInto(block, ANTHROPIC);
        return block;
    }

    private ObjectNode toolResult(ContentPart.ToolResult result, int messageIndex) {
        ObjectNode block = NODES.objectNode().put("type", "tool_result").put("tool_use_id", toolUseId(result.callId()));
        List<ContentPart> content = result.content();
        if (content.size() == 1 && content.get(0) instanceof ContentPart.Text text && text.isPlainIn(ANTHROPIC)) {
            block.put("content", text.text());
        } else if (!content.isEmpty()) {
            ArrayNode blocks = block.putArray("content");
            for (ContentPart part : content) {
                addBlock(part, blocks, messageIndex);
            }
        }
        if (result.isError()) {
            block.put("is_error", true);
        }
        result.extensions().writeInto(block, ANTHROPIC);
        return block;
    }

    /**
     * Anthropic accepts tool IDs of letters, digits, {@code _} and {@code -} only; other characters (some
     * OpenAI-compatible servers use {@code .} or {@code :}) become {@code _}, identically for calls and results.
     */
    static String toolUseId(String id) {
        if (id == null) {
            return "toolu_switchboard";
        }
        for (int i = 0; i < id.length(); i++) {
            if (!idChar(id.charAt(i))) {
                char[] chars = id.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (!idChar(chars[j])) {
                        chars[j] = '_';
                    }
                }
                return new String(chars);
            }
        }
        return id;
    }

    private static boolean idChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static void encodeTools(CanonicalRequest request, ObjectNode body) {
        if (request.tools().isEmpty()) {
            return;
        }
        ArrayNode tools = NODES.arrayNode();
        for (Tool tool : request.tools()) {
            if (tool instanceof Tool.FunctionTool function) {
                ObjectNode encoded = tools.addObject().put("name", function.name());
                if (function.description() != null) {
                    encoded.put("description", function.description());
                }
                encoded.set("input_schema", function.parameters() != null
                        ? function.parameters()
                        : ResponsesRequestEncoder.emptySchema());
                function.extensions().writeInto(encoded, ANTHROPIC);
            } else if (tool instanceof Tool.HostedTool hosted && hosted.dialect() == ANTHROPIC) {
                tools.add(hosted.raw());
            }
        }
        if (tools.isEmpty()) {
            return;
        }
        body.set("tools", tools);
        ToolChoice choice = request.toolChoice();
        boolean serial = Boolean.FALSE.equals(request.parallelToolCalls());
        if (choice == null && !serial) {
            return;
        }
        ObjectNode encoded = body.putObject("tool_choice");
        switch (choice == null ? ToolChoice.Mode.AUTO : choice.mode()) {
            case AUTO -> encoded.put("type", "auto");
            case NONE -> encoded.put("type", "none");
            case REQUIRED -> encoded.put("type", "any");
            case NAMED -> encoded.put("type", "tool").put("name", choice.toolName());
        }
        if (serial) {
            encoded.put("disable_parallel_tool_use", true);
        }
    }

    /** {@code max_tokens} and the thinking budget to send; budget 0 means no thinking. */
    private record Thinking(int maxTokens, int budget) {
    }

    /**
     * An explicit Anthropic budget is sent as given. A budget derived from an OpenAI effort must fit Anthropic's
     * rules: below {@code max_tokens}, at least 1024, not with forced tool use, and not when the last assistant tool
     * turn lacks the signed thinking Anthropic requires to continue it (thinking from other dialects is unsigned).
     */
    private Thinking thinking(CanonicalRequest request) {
        Integer cap = request.outputCap() == null ? null : request.outputCap().tokens();
        Reasoning reasoning = request.reasoning();
        if (reasoning == null || reasoning.disabled()) {
            return new Thinking(cap != null ? cap : defaultMaxTokens, 0);
        }
        if (reasoning.budgetTokens() != null) {
            int budget = reasoning.budgetTokens();
            return new Thinking(cap != null ? cap : budget + defaultMaxTokens, budget);
        }
        boolean forcedTool = request.toolChoice() != null && request.toolChoice().forcesToolUse();
        if (forcedTool || lastToolTurnUnsigned(request.messages())) {
            return new Thinking(cap != null ? cap : defaultMaxTokens, 0);
        }
        int budget = reasoning.effectiveBudgetTokens();
        if (cap == null) {
            return new Thinking(budget + defaultMaxTokens, budget);
        }
        budget = Math.min(budget, cap - 1);
        return budget < MIN_THINKING_BUDGET ? new Thinking(cap, 0) : new Thinking(cap, budget);
    }

    private static boolean lastToolTurnUnsigned(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (message.role() != Role.ASSISTANT) {
                continue;
            }
            boolean calls = false;
            boolean signed = false;
            for (ContentPart part : message.parts()) {
                calls |= part instanceof ContentPart.ToolCall;
                signed |= part instanceof ContentPart.RedactedThinking
                        || (part instanceof ContentPart.Thinking t && t.signature() != null);
            }
            return calls && !signed;
        }
        return false;
    }
}
