package dev.switchboard.model.codec;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.StreamEvent;
import dev.switchboard.model.codec.BlockTracker.Kind;
import dev.switchboard.model.dialect.Dialect;

/**
 * Anthropic Messages stream → canonical events. Server-tool and redacted-thinking blocks have no canonical stream
 * form and are skipped, so canonical indices are renumbered. Usage from {@code message_start} is merged into the
 * final {@code message_delta} usage.
 */
final class AnthropicStreamDecoder implements StreamDecoder {

    private static final Dialect ANTHROPIC = Dialect.ANTHROPIC_MESSAGES;

    private final BlockTracker blocks = new BlockTracker();
    private CanonicalUsage startUsage = CanonicalUsage.NONE;
    /** Canonical index of the open upstream block, -1 while a skipped block is open. */
    private int openBlock = -1;
    private boolean finished;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> sink) {
        if (finished) {
            return;
        }
        JsonNode data = JsonData.parse(ANTHROPIC, event.data());
        String type = Fields.text(data, "type");
        if (type == null) {
            type = event.event() == null ? "" : event.event();
        }
        switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                startUsage = AnthropicResponseMapper.usage(message.get("usage"), CanonicalUsage.NONE);
                sink.accept(new StreamEvent.MessageStart(Fields.text(message, "id"), Fields.text(message, "model"), 0,
                        startUsage));
            }
            case "content_block_start" -> blockStart(data.path("content_block"), sink);
            case "content_block_delta" -> blockDelta(data.path("delta"), sink);
            case "content_block_stop" -> {
                if (openBlock >= 0) {
                    blocks.close(sink);
                }
                openBlock = -1;
            }
            case "message_delta" -> {
                JsonNode delta = data.path("delta");
                sink.accept(new StreamEvent.MessageDelta(StopReasons.fromAnthropic(Fields.text(delta, "stop_reason")),
                        Fields.text(delta, "stop_sequence"), AnthropicResponseMapper.usage(data.get("usage"),
                                startUsage)));
            }
            case "message_stop" -> {
                blocks.close(sink);
                sink.accept(StreamEvent.MessageStop.INSTANCE);
                finished = true;
            }
            case "ping" -> sink.accept(StreamEvent.Ping.INSTANCE);
            case "error" -> {
                JsonNode error = data.path("error");
                sink.accept(new StreamEvent.Error(Fields.text(error, "type"), Fields.text(error, "message")));
            }
            default -> {
                // unknown future events are skipped
            }
        }
    }

    private void blockStart(JsonNode block, Consumer<StreamEvent> sink) {
        String type = Fields.text(block, "type");
        if (type == null) {
            openBlock = -1;
            return;
        }
        switch (type) {
            case "text" -> {
                openBlock = blocks.open(Kind.TEXT, null, null, sink);
                String text = Fields.text(block, "text");
                if (text != null && !text.isEmpty()) {
                    sink.accept(new StreamEvent.TextDelta(openBlock, text));
                }
            }
            case "tool_use" -> openBlock = blocks.open(Kind.TOOL_CALL, Fields.text(block, "id"), Fields.text(block,
                    "name"), sink);
            case "thinking" -> openBlock = blocks.open(Kind.THINKING, null, null, sink);
            default -> openBlock = -1;
        }
    }

    private void blockDelta(JsonNode delta, Consumer<StreamEvent> sink) {
        if (openBlock < 0) {
            return;
        }
        String type = Fields.text(delta, "type");
        if (type == null) {
            return;
        }
        switch (type) {
            case "text_delta" -> emitIfPresent(Fields.text(delta, "text"), false, sink);
            case "input_json_delta" -> {
                String json = Fields.text(delta, "partial_json");
                if (json != null && !json.isEmpty()) {
                    sink.accept(new StreamEvent.ToolArgumentsDelta(openBlock, json));
                }
            }
            case "thinking_delta" -> emitIfPresent(Fields.text(delta, "thinking"), true, sink);
            case "signature_delta" -> {
                String signature = Fields.text(delta, "signature");
                if (signature != null) {
                    sink.accept(new StreamEvent.ThinkingSignature(openBlock, signature));
                }
            }
            default -> {
                // citations and future delta types
            }
        }
    }

    private void emitIfPresent(String text, boolean thinking, Consumer<StreamEvent> sink) {
        if (text != null && !text.isEmpty()) {
            sink.accept(thinking
                    ? new StreamEvent.ThinkingDelta(openBlock, text)
                    : new StreamEvent.TextDelta(openBlock, text));
        }
    }

    /** An Anthropic stream without {@code message_stop} is truncated: nothing to add. */
    @Override
    public void end(Consumer<StreamEvent> sink) {
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
