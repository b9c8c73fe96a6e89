package dev.switchboard.model.codec;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.StreamEvent;
import dev.switchboard.model.codec.BlockTracker.Kind;
import dev.switchboard.model.dialect.Dialect;

/**
 * OpenAI Responses semantic events → canonical events. Each output_text content part, function call and reasoning
 * item becomes one block; hosted-tool items and other events are skipped. Lenient where upstreams cut corners: a
 * text delta without its {@code content_part.added} still opens a block, and a function call whose arguments arrive
 * only in {@code .done} still yields them.
 */
final class ResponsesStreamDecoder implements StreamDecoder {

    private static final Dialect RESPONSES = Dialect.OPENAI_RESPONSES;

    private final BlockTracker blocks = new BlockTracker();
    private boolean started;
    private boolean sawToolCalls;
    private boolean argumentsStreamed;
    private boolean finished;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> sink) {
        if (finished) {
            return;
        }
        JsonNode data = JsonData.parse(RESPONSES, event.data());
        String type = Fields.text(data, "type");
        if (type == null) {
            type = event.event() == null ? "" : event.event();
        }
        switch (type) {
            case "response.created" -> start(data.path("response"), sink);
            case "response.output_item.added" -> itemAdded(data.path("item"), sink);
            case "response.content_part.added" -> partAdded(data.path("part"), sink);
            case "response.output_text.delta", "response.refusal.delta" -> text(Fields.text(data, "delta"), sink);
            case "response.content_part.done" -> {
                if (blocks.isOpen(Kind.TEXT)) {
                    blocks.close(sink);
                }
            }
            case "response.function_call_arguments.delta" -> arguments(Fields.text(data, "delta"), sink);
            case "response.function_call_arguments.done" -> {
                if (!argumentsStreamed) {
                    arguments(Fields.text(data, "arguments"), sink);
                }
            }
            case "response.reasoning_summary_part.added" -> {
                if (data.path("summary_index").asInt(0) > 0) {
                    thinking("\n\n", sink);
                }
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> thinking(
                    Fields.text(data, "delta"), sink);
            case "response.output_item.done" -> blocks.close(sink);
            case "response.completed", "response.incomplete", "response.failed" -> finish(data.path("response"),
                    sink);
            case "error" -> sink.accept(new StreamEvent.Error(Fields.text(data, "code"), Fields.text(data,
                    "message")));
            default -> {
                // in_progress, *.done echoes, hosted-tool progress: nothing canonical to say
            }
        }
    }

    private void start(JsonNode response, Consumer<StreamEvent> sink) {
        if (!started) {
            started = true;
            sink.accept(new StreamEvent.MessageStart(Fields.text(response, "id"), Fields.text(response, "model"),
                    Fields.count(response, "created_at"), CanonicalUsage.NONE));
        }
    }

    private void itemAdded(JsonNode item, Consumer<StreamEvent> sink) {
        String type = Fields.text(item, "type");
        if ("function_call".equals(type)) {
            int index = blocks.open(Kind.TOOL_CALL, Fields.text(item, "call_id"), Fields.text(item, "name"), sink);
            sawToolCalls = true;
            argumentsStreamed = false;
            String arguments = Fields.text(item, "arguments");
            if (arguments != null && !arguments.isEmpty()) {
                sink.accept(new StreamEvent.ToolArgumentsDelta(index, arguments));
                argumentsStreamed = true;
            }
        } else if ("reasoning".equals(type)) {
            blocks.open(Kind.THINKING, null, null, sink);
        }
    }

    private void partAdded(JsonNode part, Consumer<StreamEvent> sink) {
        String type = Fields.text(part, "type");
        if ("output_text".equals(type) || "refusal".equals(type)) {
            blocks.open(Kind.TEXT, null, null, sink);
            text(Fields.text(part, "output_text".equals(type) ? "text" : "refusal"), sink);
        }
    }

    private void text(String delta, Consumer<StreamEvent> sink) {
        if (delta != null && !delta.isEmpty()) {
            sink.accept(new StreamEvent.TextDelta(blocks.ensureOpen(Kind.TEXT, sink), delta));
        }
    }

    private void arguments(String delta, Consumer<StreamEvent> sink) {
        if (delta != null && !delta.isEmpty() && blocks.isOpen(Kind.TOOL_CALL)) {
            sink.accept(new StreamEvent.ToolArgumentsDelta(blocks.openIndex(), delta));
            argumentsStreamed = true;
        }
    }

    private void thinking(String delta, Consumer<StreamEvent> sink) {
        if (delta != null && !delta.isEmpty()) {
            sink.accept(new StreamEvent.ThinkingDelta(blocks.ensureOpen(Kind.THINKING, sink), delta));
        }
    }

    private void finish(JsonNode response, Consumer<StreamEvent> sink) {
        start(response, sink);
        blocks.close(sink);
        StopReason reason = StopReasons.fromResponses(Fields.text(response, "status"),
                Fields.text(response.path("incomplete_details"), "reason"), sawToolCalls);
        sink.accept(new StreamEvent.MessageDelta(reason, null, ResponsesResponseMapper.usage(response.get("usage"))));
        sink.accept(StreamEvent.MessageStop.INSTANCE);
        finished = true;
    }

    /** A Responses stream without its terminal event is truncated: nothing to add. */
    @Override
    public void end(Consumer<StreamEvent> sink) {
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
