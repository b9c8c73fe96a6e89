package dev.switchboard.model.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.json.Json;

/**
 * Accumulates SSE events for one caller stream. Encoders write each event's JSON straight into the buffer through
 * one reusable generator (no intermediate trees or strings); the transport drains the buffer after every canonical
 * event so nothing is held back. Not thread-safe; {@link #close()} when the stream ends.
 */
public final class SseWriter implements AutoCloseable {

    private final StringBuilder buffer = new StringBuilder(1024);
    private final JsonGenerator json;

    public SseWriter() {
        try {
            json = Json.MAPPER.getFactory().createGenerator(new BufferWriter(buffer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Each event is its own root value; without this Jackson separates them with a space.
        json.setRootValueSeparator(null);
    }

    /**
     * Starts an event whose data is one JSON value: write it with the returned generator, then {@link #endEvent()}.
     *
     * @param name the {@code event:} name, or {@code null} for none (OpenAI Chat)
     */
    public JsonGenerator startEvent(String name) {
        if (name != null) {
            buffer.append("event: ").append(name).append('\n');
        }
        buffer.append("data: ");
        return json;
    }

    public void endEvent() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.append("\n\n");
    }

    /** An event whose data is a JSON tree. */
    public void event(String name, JsonNode data) {
        try {
            startEvent(name).writeTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endEvent();
    }

    /** An event whose data is a literal that cannot contain a line break, e.g. {@code [DONE]}. */
    public void rawData(String data) {
        buffer.append("data: ").append(data).append("\n\n");
    }

    public boolean isEmpty() {
        return buffer.length() == 0;
    }

    /** Takes what was written since the last drain. */
    public String drain() {
        String text = buffer.toString();
        buffer.setLength(0);
        return text;
    }

    public byte[] drainUtf8() {
        return drain().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@link Writer} over the shared buffer; the JSON generator does its own buffering in front of it. */
    private static final class BufferWriter extends Writer {
        private final StringBuilder target;

        BufferWriter(StringBuilder target) {
            this.target = target;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            target.append(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            target.append(text, offset, offset + length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
