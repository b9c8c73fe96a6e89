package dev.switchboard.routing.upstream;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.dialect.ChatCompletions;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.TokenUsage;

/**
 * OpenAI Chat Completions upstreams ({@code POST {base_url}/chat/completions}, {@code Authorization: Bearer}). For Chat
 * callers the body is relayed as the caller sent it except for the upstream model id, a clamped cap and, for streams,
 * the usage request.
 */
@Singleton
public class OpenAiChatAdapter implements UpstreamAdapter {

    private static final String PATH = "/chat/completions";
    private static final List<String> CAP_FIELDS = List.of("max_tokens", "max_completion_tokens");

    @Override
    public Dialect targetDialect() {
        return Dialect.OPENAI_CHAT;
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
    public void prepareNative(ObjectNode body, boolean stream) {
        if (stream) {
            // always ask for usage so streamed requests are billed on the provider's own counts
            JsonNode options = body.get("stream_options");
            ObjectNode streamOptions = options instanceof ObjectNode o ? o : body.putObject("stream_options");
            streamOptions.put("include_usage", true);
        }
    }

    @Override
    public ResponseFacts readNative(Buffer body) throws InvalidUpstreamResponse {
        JsonNode node = UpstreamJson.parse(body);
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
        return new ResponseFacts(body, ChatCompletions.usageOf(node), text.value(), UpstreamJson.reportedCost(node),
                null);
    }

    @Override
    public StreamTranscoder passthrough(boolean callerWantsUsage) {
        return new Passthrough(callerWantsUsage);
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

    /**
     * Same-dialect stream: events are relayed byte for byte unless usage must be hidden from the caller. The usual
     * chunk is read by {@link ChatChunkScan} and its {@code "usage":null} cut out of the bytes; other chunks are read
     * as a tree.
     */
    static final class Passthrough implements StreamTranscoder {

        private static final String DONE = "[DONE]";

        private final boolean callerWantsUsage;
        private final OutputText text = new OutputText();
        private final ChatChunkScan scan = new ChatChunkScan();
        private final BufferBytes view = new BufferBytes();
        private TokenUsage usage = TokenUsage.NONE;
        private BigDecimal reportedCost;
        private boolean done;
        private boolean finished;
        /** Events read as a tree rather than scanned; lets tests prove the usual event is scanned. */
        int treeReads;

        Passthrough(boolean callerWantsUsage) {
            this.callerWantsUsage = callerWantsUsage;
        }

        @Override
        public Buffer onEvent(Buffer event) throws InvalidUpstreamResponse {
            byte[] bytes = view.of(event).array();
            int start = SseData.dataStart(bytes, view.from(), view.to());
            if (start >= 0) {
                int end = SseData.dataEnd(bytes, start, view.to());
                if (SseData.equalsTrimmed(bytes, start, end, DONE)) {
                    done = true;
                    return event;
                }
                if (scan.read(bytes, start, end - start)) {
                    text.append(scan.text());
                    finished |= scan.finished();
                    if (callerWantsUsage || !scan.hasNullUsage()) {
                        return event;
                    }
                    return SseData.withoutMember(bytes, start, end, scan.nullUsageStart(), scan.nullUsageEnd());
                }
            }
            treeReads++;
            return readTree(event);
        }

        private Buffer readTree(Buffer event) throws InvalidUpstreamResponse {
            String data = UpstreamJson.data(event);
            if (data == null) {
                // comments and keep-alives: nothing for the caller
                return null;
            }
            if (DONE.equals(data.trim())) {
                done = true;
                return event;
            }
            JsonNode chunk = UpstreamJson.parse(data);
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
                reportedCost = UpstreamJson.reportedCost(chunk);
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
                return JsonBuffers.append(Buffer.buffer(event.length()).appendString("data: "), chunk)
                        .appendString("\n\n");
            } catch (IOException e) {
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
    }
}
