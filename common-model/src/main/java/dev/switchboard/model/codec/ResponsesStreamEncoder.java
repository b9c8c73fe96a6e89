package dev.switchboard.model.codec;

import static dev.switchboard.model.codec.Fields.NODES;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.StopReason;
import dev.switchboard.model.canonical.StreamEvent;
import dev.switchboard.model.codec.BlockTracker.Kind;

/**
 * Canonical events → OpenAI Responses semantic events: {@code response.created}, {@code response.in_progress}, then
 * per block {@code output_item.added} (+ {@code content_part.added} for text), its deltas and the matching
 * {@code .done} events, and finally {@code response.completed} (or {@code response.incomplete}) with the whole
 * output and usage. Thinking is rendered as a reasoning summary.
 */
final class ResponsesStreamEncoder implements StreamEncoder {

    private final Clock clock;
    private ResponsesResponseMapper.ItemIds ids;
    private String model = "";
    private long createdAt;
    private int sequence;
    private final ArrayNode output = NODES.arrayNode();

    private Kind openKind;
    private String itemId;
    private int outputIndex = -1;
    private String callId;
    private String toolName;
    private final StringBuilder accumulated = new StringBuilder(256);

    private StopReason stopReason;
    private CanonicalUsage usage = CanonicalUsage.NONE;

    ResponsesStreamEncoder(Clock clock) {
        this.clock = clock;
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
            if (ids == null) {
                ids = new ResponsesResponseMapper.ItemIds(start.id());
                model = start.model() == null ? "" : start.model();
                createdAt = start.createdAt();
                writeStart(out);
            }
            return;
        }
        if (ids == null) {
            ids = new ResponsesResponseMapper.ItemIds(null);
            writeStart(out);
        }
        if (event instanceof StreamEvent.TextStart) {
            openText(out);
        } else if (event instanceof StreamEvent.TextDelta delta) {
            if (openKind == Kind.TEXT) {
                accumulated.append(delta.text());
                JsonGenerator json = begin("response.output_text.delta", out);
                writeLocation(json, true);
                json.writeStringField("delta", delta.text());
                json.writeArrayFieldStart("logprobs");
                json.writeEndArray();
                end(json, out);
            }
        } else if (event instanceof StreamEvent.ToolCallStart start) {
            openToolCall(start, out);
        } else if (event instanceof StreamEvent.ToolArgumentsDelta delta) {
            if (openKind == Kind.TOOL_CALL) {
                accumulated.append(delta.json());
                JsonGenerator json = begin("response.function_call_arguments.delta", out);
                writeLocation(json, false);
                json.writeStringField("delta", delta.json());
                end(json, out);
            }
        } else if (event instanceof StreamEvent.ThinkingStart) {
            openThinking(out);
        } else if (event instanceof StreamEvent.ThinkingDelta delta) {
            if (openKind == Kind.THINKING) {
                accumulated.append(delta.text());
                JsonGenerator json = begin("response.reasoning_summary_text.delta", out);
                writeLocation(json, false);
                json.writeNumberField("summary_index", 0);
                json.writeStringField("delta", delta.text());
                end(json, out);
            }
        } else if (event instanceof StreamEvent.BlockStop) {
            closeBlock(out);
        } else if (event instanceof StreamEvent.MessageDelta delta) {
            stopReason = delta.stopReason();
            usage = delta.usage();
        } else if (event instanceof StreamEvent.MessageStop) {
            closeBlock(out);
            StopReasons.ResponsesStatus status = StopReasons.toResponses(stopReason);
            JsonGenerator json = begin(status.terminalEvent(), out);
            json.writeFieldName("response");
            json.writeTree(ResponsesResponseMapper.envelope(ids.responseId(), createdAt, model, status, output,
                    usage));
            end(json, out);
        } else if (event instanceof StreamEvent.Error error) {
            JsonGenerator json = begin("error", out);
            json.writeStringField("code", error.type());
            json.writeStringField("message", error.message());
            json.writeNullField("param");
            end(json, out);
        }
        // Thinking signatures and pings have no Responses event.
    }

    private void writeStart(SseWriter out) throws IOException {
        if (createdAt == 0) {
            createdAt = clock.instant().getEpochSecond();
        }
        StopReasons.ResponsesStatus inProgress = new StopReasons.ResponsesStatus("in_progress", null);
        ObjectNode response = ResponsesResponseMapper.envelope(ids.responseId(), createdAt, model, inProgress,
                NODES.arrayNode(), null);
        for (String type : new String[]{"response.created", "response.in_progress"}) {
            JsonGenerator json = begin(type, out);
            json.writeFieldName("response");
            json.writeTree(response);
            end(json, out);
        }
    }

    private void openText(SseWriter out) throws IOException {
        closeBlock(out);
        openBlock(Kind.TEXT, "msg");
        ObjectNode item = ResponsesResponseMapper.messageItem(NODES.objectNode(), itemId, "in_progress");
        item.putArray("content");
        writeItemEvent("response.output_item.added", item, out);
        JsonGenerator json = begin("response.content_part.added", out);
        writeLocation(json, true);
        json.writeFieldName("part");
        json.writeTree(ResponsesResponseMapper.outputText(""));
        end(json, out);
    }

    private void openToolCall(StreamEvent.ToolCallStart start, SseWriter out) throws IOException {
        closeBlock(out);
        openBlock(Kind.TOOL_CALL, "fc");
        callId = start.id();
        toolName = start.name();
        writeItemEvent("response.output_item.added", ResponsesResponseMapper.functionCallItem(NODES.objectNode(),
                itemId, callId, toolName, "", "in_progress"), out);
    }

    private void openThinking(SseWriter out) throws IOException {
        closeBlock(out);
        openBlock(Kind.THINKING, "rs");
        writeItemEvent("response.output_item.added",
                ResponsesResponseMapper.reasoningItem(NODES.objectNode(), itemId, null), out);
        JsonGenerator json = begin("response.reasoning_summary_part.added", out);
        writeLocation(json, false);
        json.writeNumberField("summary_index", 0);
        writeSummaryPart(json, "");
        end(json, out);
    }

    private void openBlock(Kind kind, String idPrefix) {
        openKind = kind;
        itemId = ids.next(idPrefix);
        outputIndex++;
        accumulated.setLength(0);
    }

    private void closeBlock(SseWriter out) throws IOException {
        if (openKind == null) {
            return;
        }
        String text = accumulated.toString();
        ObjectNode item;
        switch (openKind) {
            case TEXT -> {
                JsonGenerator json = begin("response.output_text.done", out);
                writeLocation(json, true);
                json.writeStringField("text", text);
                json.writeArrayFieldStart("logprobs");
                json.writeEndArray();
                end(json, out);
                ObjectNode part = ResponsesResponseMapper.outputText(text);
                json = begin("response.content_part.done", out);
                writeLocation(json, true);
                json.writeFieldName("part");
                json.writeTree(part);
                end(json, out);
                item = ResponsesResponseMapper.messageItem(NODES.objectNode(), itemId, "completed");
                item.putArray("content").add(part);
            }
            case TOOL_CALL -> {
                JsonGenerator json = begin("response.function_call_arguments.done", out);
                writeLocation(json, false);
                json.writeStringField("name", toolName);
                json.writeStringField("arguments", text);
                end(json, out);
                item = ResponsesResponseMapper.functionCallItem(NODES.objectNode(), itemId, callId, toolName, text,
                        "completed");
            }
            default -> {
                JsonGenerator json = begin("response.reasoning_summary_text.done", out);
                writeLocation(json, false);
                json.writeNumberField("summary_index", 0);
                json.writeStringField("text", text);
                end(json, out);
                json = begin("response.reasoning_summary_part.done", out);
                writeLocation(json, false);
                json.writeNumberField("summary_index", 0);
                writeSummaryPart(json, text);
                end(json, out);
                item = ResponsesResponseMapper.reasoningItem(NODES.objectNode(), itemId, text);
            }
        }
        writeItemEvent("response.output_item.done", item, out);
        output.add(item);
        openKind = null;
    }

    private void writeItemEvent(String type, ObjectNode item, SseWriter out) throws IOException {
        JsonGenerator json = begin(type, out);
        json.writeNumberField("output_index", outputIndex);
        json.writeFieldName("item");
        json.writeTree(item);
        end(json, out);
    }

    private void writeLocation(JsonGenerator json, boolean withContentIndex) throws IOException {
        json.writeStringField("item_id", itemId);
        json.writeNumberField("output_index", outputIndex);
        if (withContentIndex) {
            json.writeNumberField("content_index", 0);
        }
    }

    private static void writeSummaryPart(JsonGenerator json, String text) throws IOException {
        json.writeObjectFieldStart("part");
        json.writeStringField("type", "summary_text");
        json.writeStringField("text", text);
        json.writeEndObject();
    }

    private JsonGenerator begin(String type, SseWriter out) throws IOException {
        JsonGenerator json = out.startEvent(type);
        json.writeStartObject();
        json.writeStringField("type", type);
        json.writeNumberField("sequence_number", sequence++);
        return json;
    }

    private static void end(JsonGenerator json, SseWriter out) throws IOException {
        json.writeEndObject();
        out.endEvent();
    }
}
