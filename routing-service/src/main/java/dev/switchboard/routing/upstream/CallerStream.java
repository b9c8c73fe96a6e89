package dev.switchboard.routing.upstream;

import io.vertx.core.buffer.Buffer;

/** Where a streamed answer goes. The first write commits the response: from then on there is no fallback. */
public interface CallerStream {

    void write(Buffer event);

    boolean committed();

    boolean writeQueueFull();

    /** Called once when the caller can take more after {@link #writeQueueFull()}. */
    void drainHandler(Runnable onDrain);
}
