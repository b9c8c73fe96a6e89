package dev.switchboard.model.codec;

import java.util.Arrays;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.StreamEvent;
import dev.switchboard.model.codec.BlockTracker.Kind;
import dev.switchboard.model.dialect.Dialect;

/**
 * OpenAI Chat {@code chat.completion.chunk} stream → canonical events. Chat sends the finish reason before the usage
 * chunk, so the message delta is emitted at {@code [DONE]} (or at the end of the stream) with both. Only choice 0 of
 * an {@code n > 1} stream is followed.
 */
final class ChatStreamDecoder implements StreamDecoder {

    private static final Dialect CHAT = Dialect.OPENAI_CHAT;

    private final BlockTracker blocks = new BlockTracker();
    /** Canonical block index of each Chat tool call index, -1 when not seen. */
    private int[] toolBlocks = new int[]{-1, -1, -1, -1};
    private boolean started;
    private boolean sawToolCalls;
    private StopReason stopReason;
    private CanonicalUsage usage = CanonicalUsage.NONE;
    private boolean finished;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> sink) {
        if (finished) {
            return;
        }
        String data = event.data();
        if (data.equals("[DONE]")) {
            complete(sink);
            return;
        }
        JsonNode chunk = JsonData.parse(CHAT, data);
        JsonNode error = chunk.get("error");
        if (error != null && error.isObject()) {
            sink.accept(new StreamEvent.Error(Fields.text(error, "type"), Fields.text(error, "message")));
            return;
        }
        if (!started) {
            started = true;
            sink.accept(new StreamEvent.MessageStart(Fields.text(chunk, "id"), Fields.text(chunk, "model"),
                    Fields.count(chunk, "created"), CanonicalUsage.NONE));
        }
        JsonNode choice = firstChoice(chunk.get("choices"));
        if (choice != null) {
            decodeChoice(choice, sink);
        }
        JsonNode chunkUsage = chunk.get("usage");
        if (chunkUsage != null && chunkUsage.isObject()) {
            usage = ChatResponseMapper.usage(chunkUsage);
        }
    }

    private static JsonNode firstChoice(JsonNode choices) {
        if (choices == null || !choices.isArray()) {
            return null;
        }
        for (JsonNode choice : choices) {
            if (choice.path("index").asInt(0) == 0) {
                return choice;
            }
        }
        return null;
    }

    private void decodeChoice(JsonNode choice, Consumer<StreamEvent> sink) {
        JsonNode delta = choice.get("delta");
        if (delta != null && delta.isObject()) {
            String reasoning = ChatResponseMapper.reasoningText(delta);
            if (reasoning != null && !reasoning.isEmpty()) {
                sink.accept(new StreamEvent.ThinkingDelta(blocks.ensureOpen(Kind.THINKING, sink), reasoning));
            }
            appendText(Fields.text(delta, "content"), sink);
            appendText(Fields.text(delta, "refusal"), sink);
            JsonNode toolCalls = delta.get("tool_calls");
            if (toolCalls != null && toolCalls.isArray()) {
                for (JsonNode call : toolCalls) {
                    decodeToolCall(call, sink);
                }
            }
        }
        String finishReason = Fields.text(choice, "finish_reason");
        if (finishReason != null) {
            blocks.close(sink);
            stopReason = StopReasons.withToolCalls(StopReasons.fromChat(finishReason), sawToolCalls);
        }
    }

    private void appendText(String text, Consumer<StreamEvent> sink) {
        if (text != null && !text.isEmpty()) {
            sink.accept(new StreamEvent.TextDelta(blocks.ensureOpen(Kind.TEXT, sink), text));
        }
    }

    private void decodeToolCall(JsonNode call, Consumer<StreamEvent> sink) {
        int chatIndex = call.path("index").asInt(0);
        if (chatIndex >= toolBlocks.length) {
            int oldLength = toolBlocks.length;
            toolBlocks = Arrays.copyOf(toolBlocks, Math.max(oldLength * 2, chatIndex + 1));
            Arrays.fill(toolBlocks, oldLength, toolBlocks.length, -1);
        }
        JsonNode function = call.path("function");
        int block = toolBlocks[chatIndex];
        if (block < 0) {
            block = blocks.open(Kind.TOOL_CALL, Fields.text(call, "id"), Fields.text(function, "name"), sink);
            toolBlocks[chatIndex] = block;
            sawToolCalls = true;
        }
        // A fragment for a call that is no longer the open block (interleaving upstreams) keeps its own index.
        String arguments = Fields.text(function, "arguments");
        if (arguments != null && !arguments.isEmpty()) {
            sink.accept(new StreamEvent.ToolArgumentsDelta(block, arguments));
        }
    }

    private void complete(Consumer<StreamEvent> sink) {
        blocks.close(sink);
        if (!started) {
            started = true;
            sink.accept(new StreamEvent.MessageStart(null, null, 0, CanonicalUsage.NONE));
        }
        StopReason reason = stopReason == null
                ? StopReasons.withToolCalls(StopReason.END_TURN, sawToolCalls)
                : stopReason;
        sink.accept(new StreamEvent.MessageDelta(reason, null, usage));
        sink.accept(StreamEvent.MessageStop.INSTANCE);
        finished = true;
    }

    /** Some servers close without {@code [DONE]}; a stream that reported its finish reason is still complete. */
    @Override
    public void end(Consumer<StreamEvent> sink) {
        if (!finished && stopReason != null) {
            complete(sink);
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
