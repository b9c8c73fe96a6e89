package dev.switchboard.routing.upstream;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.TokenUsage;
import dev.switchboard.routing.RouteRequest;

/**
 * Anthropic Messages upstreams ({@code POST {base_url}/messages}). The key travels as {@code x-api-key}; the API
 * version is the Anthropic caller's {@code anthropic-version} or {@value #DEFAULT_VERSION}, and its
 * {@code anthropic-beta} goes along. No other target ever sees those headers.
 */
@Singleton
public class AnthropicMessagesAdapter implements UpstreamAdapter {

    public static final String DEFAULT_VERSION = "2023-06-01";
    private static final String PATH = "/messages";
    private static final List<String> CAP_FIELDS = List.of("max_tokens");
    private static final Map<String, String> DEFAULT_HEADERS = Map.of("anthropic-version", DEFAULT_VERSION);

    @Override
    public Dialect targetDialect() {
        return Dialect.ANTHROPIC_MESSAGES;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Map<String, String> authHeaders(String key) {
        return Map.of("x-api-key", key);
    }

    @Override
    public Map<String, String> dialectHeaders(RouteRequest request) {
        if (request.anthropicVersion() == null && request.anthropicBeta() == null) {
            return DEFAULT_HEADERS;
        }
        String version = request.anthropicVersion() == null ? DEFAULT_VERSION : request.anthropicVersion();
        return request.anthropicBeta() == null
                ? Map.of("anthropic-version", version)
                : Map.of("anthropic-version", version, "anthropic-beta", request.anthropicBeta());
    }

    @Override
    public List<String> capFields() {
        return CAP_FIELDS;
    }

    @Override
    public ResponseFacts readNative(Buffer body) throws InvalidUpstreamResponse {
        JsonNode node = UpstreamJson.parse(body);
        if (!node.isObject() || !"message".equals(node.path("type").asText()) || !node.path("content").isArray()) {
            throw new InvalidUpstreamResponse("upstream answer is not an Anthropic message");
        }
        OutputText text = new OutputText();
        for (JsonNode block : node.get("content")) {
            switch (block.path("type").asText("")) {
                case "text" -> text.append(block.path("text").asText(null));
                case "thinking" -> text.append(block.path("thinking").asText(null));
                case "tool_use" -> {
                    text.append(block.path("name").asText(null));
                    text.append(block.path("input").toString());
                }
                default -> {
                    // redacted thinking and server-tool blocks: nothing countable
                }
            }
        }
        return new ResponseFacts(body, UpstreamJson.anthropicUsage(node.get("usage"), CanonicalUsage.NONE).tokens(),
                text.value(), null, null);
    }

    @Override
    public StreamTranscoder passthrough(boolean callerWantsUsage) {
        return new Passthrough();
    }

    /** Same-dialect stream: relayed byte for byte; input usage arrives first, output usage last. */
    static final class Passthrough implements StreamTranscoder {

        private final OutputText text = new OutputText();
        private final TypedEventScan scan = new TypedEventScan();
        private final BufferBytes view = new BufferBytes();
        private CanonicalUsage atStart = CanonicalUsage.NONE;
        private CanonicalUsage usage = CanonicalUsage.NONE;
        private boolean done;
        /** Events read as a tree rather than scanned; lets tests prove the usual event is scanned. */
        int treeReads;

        /**
         * Deltas, pings and stops are read by {@link TypedEventScan}; the events that carry usage, a tool's name or an
         * error are read as a tree.
         */
        @Override
        public Buffer onEvent(Buffer event) throws InvalidUpstreamResponse {
            byte[] bytes = view.of(event).array();
            int start = SseData.dataStart(bytes, view.from(), view.to());
            if (start >= 0 && scan.read(bytes, start, SseData.dataEnd(bytes, start, view.to()) - start)) {
                switch (scan.type()) {
                    case "message_start", "content_block_start", "message_delta", "error" -> {
                        // read below, from the tree
                    }
                    case "content_block_delta" -> {
                        appendDelta(scan.deltaType(), scan.deltaText(), scan.deltaPartialJson(), scan.deltaThinking());
                        return event;
                    }
                    case "message_stop" -> {
                        done = true;
                        return event;
                    }
                    default -> {
                        return event;
                    }
                }
            }
            treeReads++;
            return readTree(event);
        }

        private void appendDelta(String type, String deltaText, String partialJson, String thinking) {
            switch (type) {
                case "text_delta" -> text.append(deltaText);
                case "input_json_delta" -> text.append(partialJson);
                case "thinking_delta" -> text.append(thinking);
                default -> {
                    // signatures and citations are not generated text
                }
            }
        }

        private Buffer readTree(Buffer event) throws InvalidUpstreamResponse {
            JsonNode data = UpstreamJson.eventData(event);
            if (data == null) {
                return null;
            }
            switch (data.path("type").asText("")) {
                case "message_start" -> {
                    atStart = UpstreamJson.anthropicUsage(data.path("message").get("usage"), CanonicalUsage.NONE);
                    usage = atStart;
                }
                case "content_block_start" -> {
                    JsonNode block = data.path("content_block");
                    if ("tool_use".equals(block.path("type").asText())) {
                        text.append(block.path("name").asText(null));
                    }
                }
                case "content_block_delta" -> {
                    JsonNode delta = data.path("delta");
                    appendDelta(delta.path("type").asText(""), delta.path("text").asText(null),
                            delta.path("partial_json").asText(null), delta.path("thinking").asText(null));
                }
                case "message_delta" -> usage = UpstreamJson.anthropicUsage(data.get("usage"), atStart);
                case "message_stop" -> done = true;
                case "error" -> throw new InvalidUpstreamResponse("upstream reported an error inside the stream");
                default -> {
                    // ping, content_block_stop: relayed as they are
                }
            }
            return event;
        }

        @Override
        public boolean complete() {
            return done;
        }

        @Override
        public TokenUsage usage() {
            return usage.tokens();
        }

        @Override
        public CharSequence outputText() {
            return text.value();
        }

        @Override
        public BigDecimal reportedCostUsd() {
            return null;
        }
    }
}
