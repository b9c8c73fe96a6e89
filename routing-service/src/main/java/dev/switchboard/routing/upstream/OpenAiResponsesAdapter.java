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

/**
 * OpenAI Responses upstreams ({@code POST {base_url}/responses}, {@code Authorization: Bearer}). Responses streams
 * always end with usage, so same-dialect requests need no rewrite beyond the model and a clamped cap.
 */
@Singleton
public class OpenAiResponsesAdapter implements UpstreamAdapter {

    private static final String PATH = "/responses";
    private static final List<String> CAP_FIELDS = List.of("max_output_tokens");

    @Override
    public Dialect targetDialect() {
        return Dialect.OPENAI_RESPONSES;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Map<String, String> authHeaders(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    @Override
    public List<String> capFields() {
        return CAP_FIELDS;
    }

    @Override
    public ResponseFacts readNative(Buffer body) throws InvalidUpstreamResponse {
        JsonNode node = UpstreamJson.parse(body);
        if (!node.isObject() || !node.path("output").isArray()) {
            throw new InvalidUpstreamResponse("upstream answer is not a Responses response");
        }
        OutputText text = new OutputText();
        for (JsonNode item : node.get("output")) {
            switch (item.path("type").asText("")) {
                case "message" -> {
                    for (JsonNode part : item.path("content")) {
                        text.append(part.path("text").asText(null));
                        text.append(part.path("refusal").asText(null));
                    }
                }
                case "function_call" -> {
                    text.append(item.path("name").asText(null));
                    text.append(item.path("arguments").asText(null));
                }
                case "reasoning" -> {
                    for (JsonNode summary : item.path("summary")) {
                        text.append(summary.path("text").asText(null));
                    }
                }
                default -> {
                    // hosted-tool items carry no generated text of their own
                }
            }
        }
        return new ResponseFacts(body, UpstreamJson.responsesUsage(node.get("usage")).tokens(), text.value(),
                UpstreamJson.reportedCost(node), null);
    }

    @Override
    public StreamTranscoder passthrough(boolean callerWantsUsage) {
        return new Passthrough();
    }

    /**
     * Same-dialect stream: relayed byte for byte; usage comes with the terminal event. Delta and lifecycle events are
     * read by {@link TypedEventScan}; the events that carry an item, usage or an error are read as a tree.
     */
    static final class Passthrough implements StreamTranscoder {

        private final OutputText text = new OutputText();
        private final TypedEventScan scan = new TypedEventScan();
        private final BufferBytes view = new BufferBytes();
        private CanonicalUsage usage = CanonicalUsage.NONE;
        private BigDecimal reportedCost;
        private boolean done;
        /** Events read as a tree rather than scanned; lets tests prove the usual event is scanned. */
        int treeReads;

        @Override
        public Buffer onEvent(Buffer event) throws InvalidUpstreamResponse {
            byte[] bytes = view.of(event).array();
            int start = SseData.dataStart(bytes, view.from(), view.to());
            if (start >= 0 && scan.read(bytes, start, SseData.dataEnd(bytes, start, view.to()) - start)) {
                String type = scan.type();
                if (isTextDelta(type)) {
                    text.append(scan.delta());
                    return event;
                }
                if (!needsTree(type)) {
                    return event;
                }
            }
            treeReads++;
            return readTree(event);
        }

        /** Events whose {@code delta} string is generated text. */
        private static boolean isTextDelta(String type) {
            return switch (type) {
                case "response.output_text.delta", "response.refusal.delta", "response.function_call_arguments.delta",
                        "response.reasoning_summary_text.delta" ->
                    true;
                default -> false;
            };
        }

        /** Events that carry an item, usage or an error: read from the tree. */
        private static boolean needsTree(String type) {
            return switch (type) {
                case "response.output_item.added", "response.completed", "response.incomplete", "response.failed",
                        "error" ->
                    true;
                default -> false;
            };
        }

        private Buffer readTree(Buffer event) throws InvalidUpstreamResponse {
            JsonNode data = UpstreamJson.eventData(event);
            if (data == null) {
                return null;
            }
            String type = data.path("type").asText("");
            if (isTextDelta(type)) {
                text.append(data.path("delta").asText(null));
                return event;
            }
            switch (type) {
                case "response.output_item.added" -> {
                    JsonNode item = data.path("item");
                    if ("function_call".equals(item.path("type").asText())) {
                        text.append(item.path("name").asText(null));
                    }
                }
                case "response.completed", "response.incomplete", "response.failed" -> {
                    JsonNode response = data.path("response");
                    usage = UpstreamJson.responsesUsage(response.get("usage"));
                    reportedCost = UpstreamJson.reportedCost(response);
                    done = true;
                }
                case "error" -> throw new InvalidUpstreamResponse("upstream reported an error inside the stream");
                default -> {
                    // lifecycle events: relayed as they are
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
            return reportedCost;
        }
    }
}
