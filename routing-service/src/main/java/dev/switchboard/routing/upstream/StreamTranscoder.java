package dev.switchboard.routing.upstream;

import java.math.BigDecimal;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.dialect.TokenUsage;

/** Turns one upstream stream into caller events, event by event, and keeps what accounting needs. One per attempt. */
public interface StreamTranscoder {

    /**
     * @param event one complete upstream SSE event, terminator included
     * @return the bytes to relay to the caller, or {@code null} to drop the event
     * @throws InvalidUpstreamResponse for an event that cannot be relayed (malformed, or an in-stream error)
     */
    Buffer onEvent(Buffer event) throws InvalidUpstreamResponse;

    /**
     * The upstream closed the stream: what the caller is still owed (a translator may hold the end of a Chat stream
     * that closed without {@code [DONE]}).
     *
     * @return bytes to relay, or {@code null}
     */
    default Buffer onEnd() throws InvalidUpstreamResponse {
        return null;
    }

    /** The upstream finished the answer (terminal event seen). */
    boolean complete();

    TokenUsage usage();

    CharSequence outputText();

    BigDecimal reportedCostUsd();

    /** The attempt is over; releases buffers. */
    default void close() {
    }
}
