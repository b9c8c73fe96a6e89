package dev.switchboard.model.codec;

import java.util.function.Consumer;

import dev.switchboard.model.canonical.StreamEvent;

/** Turns one upstream SSE stream of a dialect into canonical events, one SSE event at a time. Not thread-safe. */
public interface StreamDecoder {

    /**
     * @throws dev.switchboard.model.error.GatewayError.Failure {@code upstream-failed} when the data is not JSON
     */
    void decode(SseEvent event, Consumer<StreamEvent> sink);

    /** The upstream closed the stream; emits whatever a complete stream still owes (e.g. Chat without [DONE]). */
    void end(Consumer<StreamEvent> sink);

    /** The stream reached its terminal event (message stop); anything less is a truncated answer. */
    boolean finished();
}
