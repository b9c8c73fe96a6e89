package dev.switchboard.simulator.anthropic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.http.SimHeaders;
import dev.switchboard.simulator.http.TokenCounting;
import dev.switchboard.simulator.json.JsonWriter;
import dev.switchboard.simulator.openai.OpenAiChat;
import dev.switchboard.simulator.scenario.Answer;
import dev.switchboard.simulator.scenario.Answers;
import dev.switchboard.simulator.scenario.Failure;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.SimRequest;
import dev.switchboard.simulator.scenario.TokenCounts;
import dev.switchboard.simulator.scenario.ToolScript;

/**
 * Anthropic Messages ({@code POST /v1/messages}) and its {@code count_tokens}: the {@code message} object, and the
 * named SSE events ({@code message_start}, content blocks, {@code ping}, {@code message_delta}, {@code message_stop}).
 * Content: an optional {@code thinking} block with a signature, then a {@code text} or a {@code tool_use} block.
 */
@ApplicationScoped
public class AnthropicMessages implements TokenCounting {

    private static final byte[] SIGNATURE_SALT = "switchboard-simulator-thinking\u0000"
            .getBytes(StandardCharsets.UTF_8);

    private final AtomicLong ids = new AtomicLong();
    private final OpenAiChat chat;

    AnthropicMessages(OpenAiChat chat) {
        this.chat = chat;
    }

    @Override
    public Dialect dialect() {
        return Dialect.ANTHROPIC_MESSAGES;
    }

    /** {@code x-api-key}, as Anthropic's clients send it, or a Bearer token (OAuth-style clients, gateways). */
    @Override
    public String presentedKey(HttpServerRequest request) {
        String apiKey = request.getHeader(SimHeaders.API_KEY);
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        return chat.presentedKey(request);
    }

    @Override
    public Failure unauthorized(boolean keyPresented) {
        return Failure.unauthorized(keyPresented ? "invalid x-api-key" : "x-api-key header is required");
    }

    @Override
    public SimRequest inspect(JsonNode body) {
        return read(body, true);
    }

    @Override
    public Buffer tokenCount(JsonNode body) {
        SimRequest request = read(body, false);
        return JsonWriter.json(json -> {
            json.writeStartObject();
            json.writeNumberField("input_tokens", request.promptTokens());
            json.writeEndObject();
        });
    }

    private static SimRequest read(JsonNode body, boolean generation) {
        if (!body.isObject()) {
            throw invalid("The request body must be a JSON object.");
        }
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw invalid("model: Field required");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid("model: Input should be a valid string");
        }
        Integer maxTokens = maxTokens(body.get("max_tokens"), generation);
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw invalid("stream: Input should be a valid boolean");
        }
        Scan scan = new Scan();
        scan.system(body.get("system"));
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw invalid("messages: Field required");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw invalid("messages: Input should be a non-empty list");
        }
        for (int i = 0; i < messages.size(); i++) {
            scan.message(messages.get(i), i);
        }
        boolean streaming = stream != null && stream.asBoolean();
        return new SimRequest(model.asText(), streaming, streaming, TokenCounts.count(scan.text.toString()),
                scan.lastUserText,
                scan.images, maxTokens, scan.script.step());
    }

    private static Integer maxTokens(JsonNode value, boolean required) {
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid("max_tokens: Field required");
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw invalid("max_tokens: Input should be a valid integer greater than or equal to 1");
        }
        return value.asInt();
    }

    /**
     * One pass over system and messages: prompt text (each part followed by a newline, as the gateway's estimate
     * reads it), images, the last user text and the tool script.
     */
    private static final class Scan {
        final StringBuilder text = new StringBuilder(256);
        final ToolScript script = new ToolScript();
        String lastUserText = "";
        int images;

        void text(String part) {
            text.append(part).append('\n');
        }

        void system(JsonNode system) {
            if (system == null || system.isNull()) {
                return;
            }
            if (system.isTextual()) {
                text(system.asText());
                return;
            }
            if (!system.isArray()) {
                throw invalid("system: Input should be a valid string or a list of text blocks");
            }
            for (JsonNode block : system) {
                if (!"text".equals(block.path("type").asText())) {
                    throw invalid("system: each block must be of type text");
                }
                text(block.path("text").asText(""));
            }
        }

        void message(JsonNode message, int i) {
            if (!message.isObject()) {
                throw invalid("messages." + i + ": Input should be an object");
            }
            String role = message.path("role").asText("");
            boolean user = role.equals("user");
            // system turns inside the conversation are accepted by current models (Claude Code sends them)
            if (!user && !role.equals("assistant") && !role.equals("system")) {
                throw invalid("messages." + i + ".role: Input should be 'user', 'assistant' or 'system'");
            }
            JsonNode content = message.get("content");
            if (content != null && content.isTextual()) {
                text(content.asText());
                if (user) {
                    userText(content.asText());
                }
                return;
            }
            if (content == null || !content.isArray()) {
                throw invalid("messages." + i + ".content: Input should be a valid string or a list of blocks");
            }
            StringBuilder userText = null;
            for (int b = 0; b < content.size(); b++) {
                JsonNode block = content.get(b);
                String type = block.path("type").asText("");
                switch (type) {
                    case "text" -> {
                        String blockText = block.path("text").asText("");
                        text(blockText);
                        if (user) {
                            userText = userText == null ? new StringBuilder() : userText.append('\n');
                            userText.append(blockText);
                        }
                    }
                    case "image" -> images++;
                    case "tool_use" -> toolUse(block, i, b);
                    case "tool_result" -> toolResult(block, i, b);
                    case "thinking" -> text(block.path("thinking").asText(""));
                    case "" -> throw invalid("messages." + i + ".content." + b + ".type: Field required");
                    default -> {
                        // documents, redacted thinking, server tools: not read
                    }
                }
            }
            // after the results of the same message: a new script there starts over
            if (userText != null) {
                userText(userText.toString());
            }
        }

        private void userText(String userText) {
            lastUserText = userText;
            script.userText(userText);
        }

        private void toolUse(JsonNode block, int i, int b) {
            String id = block.path("id").asText(null);
            String name = block.path("name").asText(null);
            JsonNode input = block.get("input");
            if (id == null || name == null || input == null || !input.isObject()) {
                throw invalid("messages." + i + ".content." + b + ": tool_use needs id, name and an input object");
            }
            try {
                text(name + ' ' + Json.MAPPER.writeValueAsString(input));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serialises", e);
            }
            script.assistantCall(id, name);
        }

        private void toolResult(JsonNode block, int i, int b) {
            String id = block.path("tool_use_id").asText(null);
            if (id == null) {
                throw invalid("messages." + i + ".content." + b + ".tool_use_id: Field required");
            }
            JsonNode content = block.get("content");
            if (content != null && content.isTextual()) {
                text(content.asText());
            } else if (content != null && content.isArray()) {
                for (JsonNode part : content) {
                    String type = part.path("type").asText("");
                    if (type.equals("text")) {
                        text(part.path("text").asText(""));
                    } else if (type.equals("image")) {
                        images++;
                    }
                }
            }
            script.toolResult(id);
        }
    }

    private static Failure.Rejected invalid(String message) {
        return Failure.invalidRequest(message, null).rejection();
    }

    // ---- rendering

    private String nextId() {
        return "msg_sim_" + ids.incrementAndGet();
    }

    static String toolUseId(Answer.ToolCall call) {
        return "toolu_sim_" + call.key();
    }

    /** Deterministic stand-in for Anthropic's opaque signature: the same thinking always gets the same one. */
    static String signature(String thinking) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(SIGNATURE_SALT);
            return Base64.getEncoder().encodeToString(sha.digest(thinking.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String stopReason(Answer answer) {
        return switch (answer.stop()) {
            case END -> "end_turn";
            case TOOL_CALL -> "tool_use";
            case MAX_TOKENS -> "max_tokens";
        };
    }

    @Override
    public Buffer completion(SimRequest request, Answer answer) {
        String id = nextId();
        return JsonWriter.json(json -> {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("type", "message");
            json.writeStringField("role", "assistant");
            json.writeStringField("model", request.model());
            json.writeArrayFieldStart("content");
            if (answer.reasoning() != null) {
                json.writeStartObject();
                json.writeStringField("type", "thinking");
                json.writeStringField("thinking", answer.reasoning());
                json.writeStringField("signature", signature(answer.reasoning()));
                json.writeEndObject();
            }
            if (answer.toolCall() != null) {
                toolUseBlock(json, answer.toolCall(), true);
            } else {
                textBlock(json, answer.text());
            }
            json.writeEndArray();
            json.writeStringField("stop_reason", stopReason(answer));
            json.writeNullField("stop_sequence");
            if (answer.reportUsage()) {
                usage(json, answer.promptTokens(), answer.completionTokens());
            }
            json.writeEndObject();
        });
    }

    private static void textBlock(JsonGenerator json, String text) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "text");
        json.writeStringField("text", text);
        json.writeEndObject();
    }

    /** @param withInput the whole input (non-streaming), else {@code {}} as {@code content_block_start} has it */
    private static void toolUseBlock(JsonGenerator json, Answer.ToolCall call, boolean withInput) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "tool_use");
        json.writeStringField("id", toolUseId(call));
        json.writeStringField("name", call.name());
        json.writeFieldName("input");
        json.writeRawValue(withInput ? call.arguments() : "{}");
        json.writeEndObject();
    }

    private static void usage(JsonGenerator json, int inputTokens, int outputTokens) throws IOException {
        json.writeObjectFieldStart("usage");
        json.writeNumberField("input_tokens", inputTokens);
        json.writeNumberField("cache_creation_input_tokens", 0);
        json.writeNumberField("cache_read_input_tokens", 0);
        json.writeNumberField("output_tokens", outputTokens);
        json.writeEndObject();
    }

    @Override
    public List<Buffer> streamEvents(SimRequest request, Answer answer) {
        String id = nextId();
        List<Buffer> events = new ArrayList<>(Answers.MAX_PIECES * 2 + 16);
        events.add(event("message_start", json -> {
            json.writeObjectFieldStart("message");
            json.writeStringField("id", id);
            json.writeStringField("type", "message");
            json.writeStringField("role", "assistant");
            json.writeStringField("model", request.model());
            json.writeArrayFieldStart("content");
            json.writeEndArray();
            json.writeNullField("stop_reason");
            json.writeNullField("stop_sequence");
            if (answer.reportUsage()) {
                // as on the real API: input tokens up front, a provisional output count of 1
                usage(json, answer.promptTokens(), 1);
            }
            json.writeEndObject();
        }));
        int index = 0;
        if (answer.reasoning() != null) {
            thinkingBlock(events, index++, answer.reasoning());
        }
        if (answer.toolCall() != null) {
            toolUseBlock(events, index, answer.toolCall());
        } else {
            textBlock(events, index, answer.text());
        }
        events.add(event("message_delta", json -> {
            json.writeObjectFieldStart("delta");
            json.writeStringField("stop_reason", stopReason(answer));
            json.writeNullField("stop_sequence");
            json.writeEndObject();
            if (answer.reportUsage()) {
                json.writeObjectFieldStart("usage");
                json.writeNumberField("output_tokens", answer.completionTokens());
                json.writeEndObject();
            }
        }));
        events.add(event("message_stop", json -> {
        }));
        return events;
    }

    /** The block start, then a {@code ping} after the first one, as the real API sends it. */
    private static void blockStart(List<Buffer> events, int index, JsonWriter.Body block) {
        events.add(event("content_block_start", json -> {
            json.writeNumberField("index", index);
            json.writeFieldName("content_block");
            block.write(json);
        }));
        if (index == 0) {
            events.add(event("ping", json -> {
            }));
        }
    }

    private static void delta(List<Buffer> events, int index, String type, String field, String value) {
        events.add(event("content_block_delta", json -> {
            json.writeNumberField("index", index);
            json.writeObjectFieldStart("delta");
            json.writeStringField("type", type);
            json.writeStringField(field, value);
            json.writeEndObject();
        }));
    }

    private static void blockStop(List<Buffer> events, int index) {
        events.add(event("content_block_stop", json -> json.writeNumberField("index", index)));
    }

    private static void thinkingBlock(List<Buffer> events, int index, String thinking) {
        blockStart(events, index, json -> {
            json.writeStartObject();
            json.writeStringField("type", "thinking");
            json.writeStringField("thinking", "");
            json.writeStringField("signature", "");
            json.writeEndObject();
        });
        for (String piece : Answers.pieces(thinking)) {
            delta(events, index, "thinking_delta", "thinking", piece);
        }
        delta(events, index, "signature_delta", "signature", signature(thinking));
        blockStop(events, index);
    }

    private static void textBlock(List<Buffer> events, int index, String text) {
        blockStart(events, index, json -> textBlock(json, ""));
        for (String piece : Answers.pieces(text)) {
            delta(events, index, "text_delta", "text", piece);
        }
        blockStop(events, index);
    }

    private static void toolUseBlock(List<Buffer> events, int index, Answer.ToolCall call) {
        blockStart(events, index, json -> toolUseBlock(json, call, false));
        for (String piece : Answers.argumentPieces(call.arguments())) {
            delta(events, index, "input_json_delta", "partial_json", piece);
        }
        blockStop(events, index);
    }

    /** {@code event: <type>} with {@code {"type":"<type>", ...fields}}. */
    private static Buffer event(String type, JsonWriter.Body fields) {
        return JsonWriter.sse(type, json -> {
            json.writeStartObject();
            json.writeStringField("type", type);
            fields.write(json);
            json.writeEndObject();
        });
    }

    /** Enough for the first delta: message_start, content_block_start, ping, delta. */
    @Override
    public int partialEvents() {
        return 4;
    }

    @Override
    public Buffer streamError(SimRequest request, Failure failure, int eventsSent) {
        return AnthropicErrors.event(failure);
    }

    @Override
    public Buffer error(Failure failure) {
        return AnthropicErrors.body(failure);
    }

    @Override
    public Buffer models(Collection<Scenario> scenarios) {
        return chat.models(scenarios);
    }
}
