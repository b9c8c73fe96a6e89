package dev.switchboard.routing.upstream;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.dialect.ChatCompletions;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.TokenUsage;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.eligibility.RequestShape;

/**
 * OpenAI Chat Completions upstreams ({@code POST {base_url}/chat/completions}), for OpenAI Chat callers: the body is
 * relayed as the caller sent it except for the upstream model id and, for streams, the usage request.
 */
@ApplicationScoped
public class OpenAiChatAdapter implements UpstreamAdapter {

    private static final String PATH = "/chat/completions";

    @Override
    public Dialect targetDialect() {
        return Dialect.OPENAI_CHAT;
    }

    @Override
    public boolean accepts(Dialect inbound) {
        return inbound == Dialect.OPENAI_CHAT;
    }

    @Override
    public UpstreamRequest prepare(ResolvedTarget target, ObjectNode body, RequestShape shape, boolean stream) {
        body.put("model", target.model().model());
        if (stream) {
            // always ask for usage so streamed requests are billed on the provider's own counts
            JsonNode options = body.get("stream_options");
            ObjectNode streamOptions = options instanceof ObjectNode o ? o : body.putObject("stream_options");
            streamOptions.put("include_usage", true);
        }
        try {
            return new UpstreamRequest(PATH, Buffer.buffer(Json.MAPPER.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed request body is always serialisable", e);
        }
    }

    @Override
    public Map<String, String> authHeaders(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    @Override
    public ResponseFacts readResponse(Buffer body) throws InvalidUpstreamResponse {
        JsonNode node = parse(body.getBytes());
        if (!node.isObject() || !node.path("choices").isArray()) {
            throw new InvalidUpstreamResponse("upstream answer is not a chat completion");
        }
        OutputText text = new OutputText();
        for (JsonNode choice : node.get("choices")) {
            JsonNode message = choice.path("message");
            appendContent(message.get("content"), text);
            text.append(message.path("refusal").asText(null));
            for (JsonNode call : message.path("tool_calls")) {
                text.append(call.path("function").path("name").asText(null));
                text.append(call.path("function").path("arguments").asText(null));
            }
        }
        return new ResponseFacts(body, ChatCompletions.usageOf(node), text.value(), reportedCost(node));
    }

    @Override
    public StreamTranscoder streamTranscoder(RequestShape shape) {
        return new Passthrough(shape.includeUsage());
    }

    private static void appendContent(JsonNode content, OutputText text) {
        if (content == null || content.isNull()) {
            return;
        }
        if (content.isTextual()) {
            text.append(content.asText());
            return;
        }
        for (JsonNode part : content) {
            text.append(part.path("text").asText(null));
        }
    }

    static JsonNode parse(byte[] bytes) throws InvalidUpstreamResponse {
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null) {
                throw new InvalidUpstreamResponse("upstream answer is empty");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidUpstreamResponse("upstream answer is not valid JSON");
        }
    }

    private static BigDecimal reportedCost(JsonNode node) {
        JsonNode cost = node.path("usage").path("cost");
        return cost.isNumber() ? cost.decimalValue() : null;
    }

    /** Same-dialect stream: events are relayed byte for byte unless usage must be hidden from the caller. */
    static final class Passthrough implements StreamTranscoder {

        private static final String DONE = "[DONE]";

        private final boolean callerWantsUsage;
        private final OutputText text = new OutputText();
        private TokenUsage usage = TokenUsage.NONE;
        private BigDecimal reportedCost;
        private boolean done;
        private boolean finished;

        Passthrough(boolean callerWantsUsage) {
            this.callerWantsUsage = callerWantsUsage;
        }

        @Override
        public Buffer onEvent(Buffer event) throws InvalidUpstreamResponse {
            String data = data(event);
            if (data == null) {
                // comments and keep-alives: nothing for the caller
                return null;
            }
            if (DONE.equals(data.trim())) {
                done = true;
                return event;
            }
            JsonNode chunk = parse(data.getBytes(StandardCharsets.UTF_8));
            if (!chunk.isObject()) {
                throw new InvalidUpstreamResponse("upstream stream event is not a JSON object");
            }
            if (chunk.has("error")) {
                throw new InvalidUpstreamResponse("upstream reported an error inside the stream");
            }
            JsonNode usageNode = chunk.get("usage");
            boolean hasUsage = usageNode != null && usageNode.isObject();
            if (hasUsage) {
                usage = ChatCompletions.usageOf(chunk);
                reportedCost = reportedCost(chunk);
            }
            JsonNode choices = chunk.path("choices");
            for (JsonNode choice : choices) {
                JsonNode delta = choice.path("delta");
                text.append(delta.path("content").asText(null));
                for (JsonNode call : delta.path("tool_calls")) {
                    text.append(call.path("function").path("name").asText(null));
                    text.append(call.path("function").path("arguments").asText(null));
                }
                if (choice.hasNonNull("finish_reason")) {
                    finished = true;
                }
            }
            if (callerWantsUsage || usageNode == null) {
                return event;
            }
            // we asked for usage, the caller did not: drop the usage-only chunk, strip the field elsewhere
            if (hasUsage && choices.isEmpty()) {
                return null;
            }
            ((ObjectNode) chunk).remove("usage");
            try {
                return Buffer.buffer("data: ").appendBytes(Json.MAPPER.writeValueAsBytes(chunk)).appendString("\n\n");
            } catch (JsonProcessingException e) {
                throw new InvalidUpstreamResponse("upstream stream event cannot be re-encoded");
            }
        }

        @Override
        public boolean complete() {
            // some OpenAI-compatible servers end with the finish chunk and no [DONE]
            return done || finished;
        }

        @Override
        public TokenUsage usage() {
            return usage;
        }

        @Override
        public CharSequence outputText() {
            return text.value();
        }

        @Override
        public BigDecimal reportedCostUsd() {
            return reportedCost;
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
    }
}
