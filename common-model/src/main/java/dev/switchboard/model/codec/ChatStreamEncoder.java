package dev.switchboard.model.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.StreamEvent;

/**
 * Canonical events → OpenAI Chat {@code chat.completion.chunk} stream: a role chunk, content and tool-call deltas, a
 * finish chunk, the usage chunk when the caller asked for it, then {@code [DONE]}. Thinking has no Chat spelling and
 * is dropped.
 */
final class ChatStreamEncoder implements StreamEncoder {

    private final Clock clock;
    private final boolean includeUsage;
    private String id = "chatcmpl-switchboard";
    private String model = "";
    private long created;
    private boolean started;
    private int nextToolIndex;
    /** Chat tool index of each canonical block, -1 for blocks that are not tool calls. */
    private int[] toolIndexOfBlock = new int[]{-1, -1, -1, -1, -1, -1, -1, -1};
    private CanonicalUsage usage = CanonicalUsage.NONE;

    ChatStreamEncoder(Clock clock, boolean includeUsage) {
        this.clock = clock;
        this.includeUsage = includeUsage;
    }

    @Override
    public void encode(StreamEvent event, SseWriter out) {
        try {
            write(event, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(StreamEvent event, SseWriter out) throws IOException {
        if (event instanceof StreamEvent.MessageStart start) {
            id = start.id() == null ? id : start.id();
            model = start.model() == null ? model : start.model();
            created = start.createdAt();
            ensureStarted(out);
            return;
        }
        ensureStarted(out);
        if (event instanceof StreamEvent.TextDelta delta) {
            if (!delta.text().isEmpty()) {
                JsonGenerator json = startChunk(out);
                json.writeStringField("content", delta.text());
                endChunk(json, null, out);
            }
        } else if (event instanceof StreamEvent.ToolCallStart start) {
            int toolIndex = nextToolIndex++;
            rememberToolIndex(start.index(), toolIndex);
            JsonGenerator json = startChunk(out);
            startToolCall(json, toolIndex);
            json.writeStringField("id", start.id());
            json.writeStringField("type", "function");
            json.writeObjectFieldStart("function");
            json.writeStringField("name", start.name());
            json.writeStringField("arguments", "");
            json.writeEndObject();
            endToolCall(json);
            endChunk(json, null, out);
        } else if (event instanceof StreamEvent.ToolArgumentsDelta delta) {
            int toolIndex = toolIndexOf(delta.index());
            if (toolIndex >= 0 && !delta.json().isEmpty()) {
                JsonGenerator json = startChunk(out);
                startToolCall(json, toolIndex);
                json.writeObjectFieldStart("function");
                json.writeStringField("arguments", delta.json());
                json.writeEndObject();
                endToolCall(json);
                endChunk(json, null, out);
            }
        } else if (event instanceof StreamEvent.MessageDelta delta) {
            usage = delta.usage();
            JsonGenerator json = startChunk(out);
            endChunk(json, StopReasons.toChat(delta.stopReason()), out);
        } else if (event instanceof StreamEvent.MessageStop) {
            if (includeUsage && usage.reported()) {
                writeUsageChunk(out);
            }
            out.rawData("[DONE]");
        } else if (event instanceof StreamEvent.Error error) {
            JsonGenerator json = out.startEvent(null);
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("message", error.message());
            json.writeStringField("type", error.type());
            json.writeEndObject();
            json.writeEndObject();
            out.endEvent();
        }
        // Text/thinking starts, block stops, thinking deltas, signatures and pings have no Chat chunk.
    }

    private void ensureStarted(SseWriter out) throws IOException {
        if (started) {
            return;
        }
        started = true;
        if (created == 0) {
            created = clock.instant().getEpochSecond();
        }
        JsonGenerator json = startChunk(out);
        json.writeStringField("role", "assistant");
        json.writeStringField("content", "");
        endChunk(json, null, out);
    }

    /** Chat indexes tool calls by their own counter, so a late fragment still reaches the right call. */
    private void rememberToolIndex(int block, int toolIndex) {
        if (block >= toolIndexOfBlock.length) {
            int oldLength = toolIndexOfBlock.length;
            toolIndexOfBlock = Arrays.copyOf(toolIndexOfBlock, Math.max(oldLength * 2, block + 1));
            Arrays.fill(toolIndexOfBlock, oldLength, toolIndexOfBlock.length, -1);
        }
        toolIndexOfBlock[block] = toolIndex;
    }

    private int toolIndexOf(int block) {
        return block >= 0 && block < toolIndexOfBlock.length ? toolIndexOfBlock[block] : -1;
    }

    private static void startToolCall(JsonGenerator json, int toolIndex) throws IOException {
        json.writeArrayFieldStart("tool_calls");
        json.writeStartObject();
        json.writeNumberField("index", toolIndex);
    }

    private static void endToolCall(JsonGenerator json) throws IOException {
        json.writeEndObject();
        json.writeEndArray();
    }

    private JsonGenerator startChunk(SseWriter out) throws IOException {
        JsonGenerator json = out.startEvent(null);
        writeEnvelope(json);
        json.writeArrayFieldStart("choices");
        json.writeStartObject();
        json.writeNumberField("index", 0);
        json.writeObjectFieldStart("delta");
        return json;
    }

    private static void endChunk(JsonGenerator json, String finishReason, SseWriter out) throws IOException {
        json.writeEndObject();
        json.writeNullField("logprobs");
        if (finishReason == null) {
            json.writeNullField("finish_reason");
        } else {
            json.writeStringField("finish_reason", finishReason);
        }
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        out.endEvent();
    }

    private void writeEnvelope(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("object", "chat.completion.chunk");
        json.writeNumberField("created", created);
        json.writeStringField("model", model);
    }

    private void writeUsageChunk(SseWriter out) throws IOException {
        JsonGenerator json = out.startEvent(null);
        writeEnvelope(json);
        json.writeArrayFieldStart("choices");
        json.writeEndArray();
        json.writeFieldName("usage");
        json.writeTree(ChatResponseMapper.encodeUsage(usage));
        json.writeEndObject();
        out.endEvent();
    }
}
