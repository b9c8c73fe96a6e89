package dev.switchboard.model.dialect;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;

/** OpenAI Chat Completions: request validation, request facts and usage extraction. */
public final class ChatCompletions {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private ChatCompletions() {
    }

    /**
     * Validates the parts of the body the gateway relies on and extracts its {@link RequestFacts}. Fields we do not
     * interpret are left for the upstream to judge.
     *
     * @throws GatewayError.Failure {@code invalid-request} naming the offending field
     */
    public static RequestFacts inspect(ObjectNode body) {
        TokenEstimate estimate = new TokenEstimate();
        RequestFacts facts = inspect(body, estimate);
        return facts.withEstimatedInputTokens(estimate.tokens());
    }

    /**
     * The prompt tokens of a body {@link #inspect} accepted, counted with the real tokenizer: for {@code count_tokens}
     * and for prompts whose estimate lies near a context window.
     */
    public static int countInputTokens(ObjectNode body) {
        return TokenCounter.count(inputText(body));
    }

    /** The text {@link #countInputTokens} counts, one line per part. */
    public static String inputText(ObjectNode body) {
        TextSink.Collected text = new TextSink.Collected();
        inspect(body, text);
        return text.text();
    }

    private static RequestFacts inspect(ObjectNode body, TextSink text) {
        JsonNode model = body.get("model");
        if (model != null && !model.isNull() && !model.isTextual()) {
            throw invalid("model", "must be a string");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw invalid("messages", "required, a non-empty array");
        }
        int images = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw invalid("messages[" + i + "]", "must be an object");
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
                throw invalid("messages[" + i + "].role",
                        "must be one of system, developer, user, assistant, tool, function");
            }
            images += collectContent(message.get("content"), "messages[" + i + "].content", text);
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw invalid("stream", "must be a boolean");
        }
        Integer cap = positiveInt(body, "max_tokens");
        if (cap == null) {
            cap = positiveInt(body, "max_completion_tokens");
        } else {
            positiveInt(body, "max_completion_tokens");
        }
        JsonNode tools = body.get("tools");
        if (tools != null && !tools.isNull() && !tools.isArray()) {
            throw invalid("tools", "must be an array");
        }
        JsonNode responseFormat = body.path("response_format").path("type");
        boolean structured = responseFormat.isTextual() && !"text".equals(responseFormat.asText());
        boolean reasoning = body.hasNonNull("reasoning_effort") || body.hasNonNull("reasoning");
        return new RequestFacts(Dialect.OPENAI_CHAT, model == null || model.isNull() ? null : model.asText(),
                stream != null && stream.asBoolean(),
                body.path("stream_options").path("include_usage").asBoolean(false),
                cap, messages.size(), tools == null || tools.isNull() ? 0 : tools.size(), images, structured, reasoning,
                0);
    }

    /** @return number of images in the content */
    private static int collectContent(JsonNode content, String path, TextSink text) {
        if (content == null || content.isNull()) {
            return 0;
        }
        if (content.isTextual()) {
            text.append(content.asText());
            return 0;
        }
        if (!content.isArray()) {
            throw invalid(path, "must be a string or an array of content parts");
        }
        int images = 0;
        for (int p = 0; p < content.size(); p++) {
            JsonNode part = content.get(p);
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> text.append(part.path("text").asText(""));
                case "image_url" -> images++;
                case "" -> throw invalid(path + "[" + p + "].type", "required");
                default -> {
                    // input_audio, file and future part types pass through untouched
                }
            }
        }
        return images;
    }

    private static Integer positiveInt(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() <= 0) {
            throw invalid(field, "must be a positive integer");
        }
        return value.asInt();
    }

    /** Usage from a non-streaming response or from the final chunk of a stream; {@code NONE} when absent. */
    public static TokenUsage usageOf(JsonNode responseOrChunk) {
        JsonNode usage = responseOrChunk.get("usage");
        if (usage == null || !usage.isObject()) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0), true);
    }

    private static GatewayError.Failure invalid(String field, String problem) {
        return GatewayError.of(ErrorType.INVALID_REQUEST, "invalid request body: '" + field + "' " + problem)
                .withDetail("field", field)
                .asException();
    }
}
