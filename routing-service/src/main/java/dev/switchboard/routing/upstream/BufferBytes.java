package dev.switchboard.routing.upstream;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * Where a buffer's bytes lie, to read them without copying: Vert.x heap buffers, and the slices a stream's events are
 * cut into, are backed by an array. Reusable: one per stream, pointed at each event in turn; not thread-safe.
 */
final class BufferBytes {

    private byte[] array;
    private int from;
    private int to;

    /** Points at {@code buffer}'s readable bytes: its backing array when it has one, a copy otherwise. */
    BufferBytes of(Buffer buffer) {
        ByteBuf bytes = buffer.getByteBuf();
        if (bytes.hasArray()) {
            array = bytes.array();
            from = bytes.arrayOffset() + bytes.readerIndex();
            to = from + bytes.readableBytes();
        } else {
            array = buffer.getBytes();
            from = 0;
            to = array.length;
        }
        return this;
    }

    /** The array the bytes are in; read only {@code [from(), to())} of it, and never write to it. */
    byte[] array() {
        return array;
    }

    int from() {
        return from;
    }

    int to() {
        return to;
    }
}
