package dev.switchboard.model.codec;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.switchboard.model.canonical.CanonicalUsage;
import dev.switchboard.model.canonical.StreamEvent;

/**
 * Canonical events → Anthropic Messages stream: {@code message_start}, per block {@code content_block_start}, its
 * {@code content_block_delta}s ({@code text_delta}, {@code input_json_delta}, {@code thinking_delta},
 * {@code signature_delta}) and {@code content_block_stop}, then {@code message_delta} with the stop reason and
 * usage, and {@code message_stop}. Input usage is only known at the end when the upstream is OpenAI, so
 * {@code message_delta} always carries the complete usage.
 */
final class AnthropicStreamEncoder implements StreamEncoder {

    private boolean started;
    private int nextIndex;
    private int openIndex = -1;

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
            if (!started) {
                writeStart(start.id(), start.model(), start.usage(), out);
            }
            return;
        }
        if (!started) {
            writeStart(null, null, CanonicalUsage.NONE, out);
        }
        if (event instanceof StreamEvent.TextStart) {
            JsonGenerator json = startBlock(out);
            json.writeStringField("type", "text");
            json.writeStringField("text", "");
            endBlockStart(json, out);
        } else if (event instanceof StreamEvent.ToolCallStart start) {
            JsonGenerator json = startBlock(out);
            json.writeStringField("type", "tool_use");
            json.writeStringField("id", AnthropicRequestEncoder.toolUseId(start.id()));
            json.writeStringField("name", start.name());
            json.writeObjectFieldStart("input");
            json.writeEndObject();
            endBlockStart(json, out);
        } else if (event instanceof StreamEvent.ThinkingStart) {
            JsonGenerator json = startBlock(out);
            json.writeStringField("type", "thinking");
            json.writeStringField("thinking", "");
            json.writeStringField("signature", "");
            endBlockStart(json, out);
        } else if (event instanceof StreamEvent.TextDelta delta) {
            writeDelta("text_delta", "text", delta.text(), out);
        } else if (event instanceof StreamEvent.ToolArgumentsDelta delta) {
            writeDelta("input_json_delta", "partial_json", delta.json(), out);
        } else if (event instanceof StreamEvent.ThinkingDelta delta) {
            writeDelta("thinking_delta", "thinking", delta.text(), out);
        } else if (event instanceof StreamEvent.ThinkingSignature signature) {
            writeDelta("signature_delta", "signature", signature.signature(), out);
        } else if (event instanceof StreamEvent.BlockStop) {
            closeBlock(out);
        } else if (event instanceof StreamEvent.MessageDelta delta) {
            closeBlock(out);
            JsonGenerator json = begin("message_delta", out);
            json.writeObjectFieldStart("delta");
            json.writeStringField("stop_reason", StopReasons.toAnthropic(delta.stopReason()));
            json.writeStringField("stop_sequence", delta.stopSequence());
            json.writeEndObject();
            json.writeFieldName("usage");
            json.writeTree(AnthropicResponseMapper.encodeUsage(delta.usage()));
            end(json, out);
        } else if (event instanceof StreamEvent.MessageStop) {
            closeBlock(out);
            end(begin("message_stop", out), out);
        } else if (event instanceof StreamEvent.Ping) {
            end(begin("ping", out), out);
        } else if (event instanceof StreamEvent.Error error) {
            JsonGenerator json = begin("error", out);
            json.writeObjectFieldStart("error");
            json.writeStringField("type", error.type() == null ? "api_error" : error.type());
            json.writeStringField("message", error.message());
            json.writeEndObject();
            end(json, out);
        }
    }

    private void writeStart(String id, String model, CanonicalUsage usage, SseWriter out) throws IOException {
        started = true;
        JsonGenerator json = begin("message_start", out);
        json.writeObjectFieldStart("message");
        json.writeStringField("id", id == null ? "msg_switchboard" : id);
        json.writeStringField("type", "message");
        json.writeStringField("role", "assistant");
        json.writeStringField("model", model == null ? "" : model);
        json.writeArrayFieldStart("content");
        json.writeEndArray();
        json.writeNullField("stop_reason");
        json.writeNullField("stop_sequence");
        json.writeFieldName("usage");
        json.writeTree(AnthropicResponseMapper.encodeUsage(usage));
        json.writeEndObject();
        end(json, out);
    }

    private JsonGenerator startBlock(SseWriter out) throws IOException {
        closeBlock(out);
        openIndex = nextIndex++;
        JsonGenerator json = begin("content_block_start", out);
        json.writeNumberField("index", openIndex);
        json.writeObjectFieldStart("content_block");
        return json;
    }

    private static void endBlockStart(JsonGenerator json, SseWriter out) throws IOException {
        json.writeEndObject();
        end(json, out);
    }

    private void writeDelta(String type, String field, String value, SseWriter out) throws IOException {
        if (openIndex < 0) {
            return;
        }
        JsonGenerator json = begin("content_block_delta", out);
        json.writeNumberField("index", openIndex);
        json.writeObjectFieldStart("delta");
        json.writeStringField("type", type);
        json.writeStringField(field, value);
        json.writeEndObject();
        end(json, out);
    }

    private void closeBlock(SseWriter out) throws IOException {
        if (openIndex < 0) {
            return;
        }
        JsonGenerator json = begin("content_block_stop", out);
        json.writeNumberField("index", openIndex);
        end(json, out);
        openIndex = -1;
    }

    private static JsonGenerator begin(String type, SseWriter out) throws IOException {
        JsonGenerator json = out.startEvent(type);
        json.writeStartObject();
        json.writeStringField("type", type);
        return json;
    }

    private static void end(JsonGenerator json, SseWriter out) throws IOException {
        json.writeEndObject();
        out.endEvent();
    }
}
