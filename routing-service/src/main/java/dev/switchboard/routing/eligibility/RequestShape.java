package dev.switchboard.routing.eligibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.dialect.Dialect;

/**
 * The features of a request that decide which targets can serve it. Read from the parsed body without copying any
 * content, and without re-tokenising: the gateway already sent its estimate.
 *
 * @param forcedToolChoice {@code tool_choice} is {@code required} or names a function (needs the {@code tool_choice}
 *        capability); {@code auto} and {@code none} need only tools
 * @param maxOutputTokens the caller's output cap, or {@code null}
 * @param includeUsage the caller asked for the usage chunk at the end of a stream
 */
public record RequestShape(
        Dialect dialect,
        boolean hasText,
        int toolCount,
        boolean forcedToolChoice,
        int imageCount,
        boolean structuredOutput,
        boolean reasoning,
        Integer maxOutputTokens,
        boolean includeUsage) {

    /** OpenAI Chat Completions body; the gateway has validated it with {@code ChatCompletions.inspect}. */
    public static RequestShape ofOpenAiChat(ObjectNode body) {
        boolean text = false;
        int images = 0;
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.get("content");
            if (content == null || content.isNull()) {
                continue;
            }
            if (content.isTextual()) {
                text |= !content.asText().isEmpty();
                continue;
            }
            for (JsonNode part : content) {
                switch (part.path("type").asText("")) {
                    case "text" -> text = true;
                    case "image_url" -> images++;
                    default -> {
                        // audio and file parts are judged by the upstream
                    }
                }
            }
        }
        JsonNode tools = body.path("tools");
        JsonNode toolChoice = body.path("tool_choice");
        boolean forced = toolChoice.isObject() || (toolChoice.isTextual() && "required".equals(toolChoice.asText()));
        JsonNode format = body.path("response_format").path("type");
        boolean structured = format.isTextual() && !"text".equals(format.asText());
        Integer cap = positive(body.get("max_tokens"));
        if (cap == null) {
            cap = positive(body.get("max_completion_tokens"));
        }
        return new RequestShape(Dialect.OPENAI_CHAT, text, tools.isArray() ? tools.size() : 0, forced, images,
                structured, body.hasNonNull("reasoning_effort") || body.hasNonNull("reasoning"), cap,
                body.path("stream_options").path("include_usage").asBoolean(false));
    }

    /** A dialect routing cannot inspect yet: only the dialect itself constrains the targets. */
    public static RequestShape opaque(Dialect dialect) {
        return new RequestShape(dialect, true, 0, false, 0, false, false, null, false);
    }

    private static Integer positive(JsonNode value) {
        return value != null && value.canConvertToInt() && value.asInt() > 0 ? value.asInt() : null;
    }
}
