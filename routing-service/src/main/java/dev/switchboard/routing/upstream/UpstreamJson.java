package dev.switchboard.routing.upstream;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.json.Json;

/** Reading upstream answers and SSE events; failures carry our own message, never upstream text. */
final class UpstreamJson {

    private UpstreamJson() {
    }

    /** An upstream answer, parsed where its bytes lie (no copy of the body). */
    static JsonNode parse(Buffer body) throws InvalidUpstreamResponse {
        BufferBytes bytes = new BufferBytes().of(body);
        try {
            JsonNode node = Json.MAPPER.readTree(bytes.array(), bytes.from(), bytes.to() - bytes.from());
            if (node == null) {
                throw new InvalidUpstreamResponse("upstream answer is empty");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidUpstreamResponse("upstream answer is not valid JSON");
        }
    }

    /** An SSE event's data, parsed from the text it was read into (no second copy as bytes). */
    static JsonNode parse(String text) throws InvalidUpstreamResponse {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null) {
                throw new InvalidUpstreamResponse("upstream answer is empty");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidUpstreamResponse("upstream answer is not valid JSON");
        }
    }

    /** One SSE event's data as a JSON object; {@code null} for events without data (comments, keep-alives). */
    static JsonNode eventData(Buffer event) throws InvalidUpstreamResponse {
        String data = data(event);
        if (data == null) {
            return null;
        }
        JsonNode node = parse(data);
        if (!node.isObject()) {
            throw new InvalidUpstreamResponse("upstream stream event is not a JSON object");
        }
        return node;
    }

    /** The event's data lines joined by newlines, or {@code null} when it has none. */
    static String data(Buffer event) {
        String raw = event.toString(StandardCharsets.UTF_8);
        StringBuilder data = null;
        int from = 0;
        while (from < raw.length()) {
            int nl = raw.indexOf('\n', from);
            int end = nl < 0 ? raw.length() : nl;
            String line = raw.substring(from, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.startsWith("data:")) {
                String value = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            from = end + 1;
        }
        return data == null ? null : data.toString();
    }

    /** OpenAI-compatible aggregators (e.g. OpenRouter) report what the call cost in {@code usage.cost}. */
    static BigDecimal reportedCost(JsonNode answerOrChunk) {
        JsonNode cost = answerOrChunk.path("usage").path("cost");
        return cost.isNumber() ? cost.decimalValue() : null;
    }

    /** OpenAI Responses usage (input includes cached tokens, output includes reasoning). */
    static CanonicalUsage responsesUsage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return CanonicalUsage.NONE;
        }
        return CanonicalUsage.of(count(usage, "input_tokens"), count(usage, "output_tokens"),
                count(usage.path("output_tokens_details"), "reasoning_tokens"),
                count(usage.path("input_tokens_details"), "cached_tokens"), 0);
    }

    /**
     * Anthropic usage: uncached input, cache reads and cache writes are reported apart and summed here. A
     * {@code message_delta} may omit the input fields, which then come from {@code message_start}.
     */
    static CanonicalUsage anthropicUsage(JsonNode usage, CanonicalUsage atStart) {
        if (usage == null || !usage.isObject()) {
            return atStart;
        }
        long cacheRead = usage.has("cache_read_input_tokens")
                ? count(usage, "cache_read_input_tokens")
                : atStart.cacheReadInputTokens();
        long cacheWrite = usage.has("cache_creation_input_tokens")
                ? count(usage, "cache_creation_input_tokens")
                : atStart.cacheWriteInputTokens();
        long uncached = usage.has("input_tokens") ? count(usage, "input_tokens") : atStart.uncachedInputTokens();
        return CanonicalUsage.of(uncached + cacheRead + cacheWrite, count(usage, "output_tokens"), 0, cacheRead,
                cacheWrite);
    }

    private static long count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.longValue() : 0L;
    }
}
