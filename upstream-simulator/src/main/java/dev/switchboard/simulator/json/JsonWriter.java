package dev.switchboard.simulator.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.json.Json;

/** Writes small JSON documents and SSE events straight into a buffer with Jackson's generator: no tree, no beans. */
public final class JsonWriter {

    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
    private static final byte[] EVENT_PREFIX = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    /** The body of one document. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonWriter() {
    }

    public static Buffer json(Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        generate(out, body);
        return Buffer.buffer(out.toByteArray());
    }

    /** One SSE event: {@code data: <json>} and a blank line. */
    public static Buffer sse(Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        out.write(DATA_PREFIX);
        generate(out, body);
        out.write(EVENT_END);
        return Buffer.buffer(out.toByteArray());
    }

    /** One named SSE event: {@code event: <name>}, {@code data: <json>} and a blank line (Responses, Anthropic). */
    public static Buffer sse(String event, Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        out.write(EVENT_PREFIX);
        out.write(event.getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
        out.write(DATA_PREFIX);
        generate(out, body);
        out.write(EVENT_END);
        return Buffer.buffer(out.toByteArray());
    }

    /** One SSE event whose data is a literal, such as OpenAI's {@code [DONE]}. */
    public static Buffer sseLiteral(String data) {
        return Buffer.buffer("data: " + data + "\n\n");
    }

    private static void generate(ByteArrayBuilder out, Body body) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
