package dev.switchboard.routing.upstream;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.json.Json;

/**
 * JSON written straight into a Vert.x buffer. {@code writeValueAsBytes} builds the bytes in Jackson's own blocks, copies
 * them into a {@code byte[]} and {@code Buffer.buffer(byte[])} copies them once more; here Jackson's output flushes
 * directly into the buffer that goes on the wire.
 */
final class JsonBuffers {

    private JsonBuffers() {
    }

    /** Appends {@code json} to {@code into} and returns {@code into}. */
    static Buffer append(Buffer into, JsonNode json) throws IOException {
        Json.MAPPER.writeValue(new AppendingStream(into), json);
        return into;
    }

    /**
     * Not Netty's {@code ByteBufOutputStream} over {@code Buffer.getByteBuf()}: Vert.x 4 hands out a slice of the
     * readable bytes there, so writes would neither fit nor show in the buffer.
     */
    private static final class AppendingStream extends OutputStream {

        private final Buffer buffer;

        AppendingStream(Buffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(int b) {
            buffer.appendByte((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            buffer.appendBytes(bytes, offset, length);
        }
    }
}
