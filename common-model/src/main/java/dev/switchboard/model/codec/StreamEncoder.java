package dev.switchboard.model.codec;

import dev.switchboard.model.canonical.StreamEvent;

/** Writes canonical events as one caller-facing SSE stream of a dialect. Not thread-safe. */
public interface StreamEncoder {

    /** Appends the SSE events {@code event} translates to (possibly none) to {@code out}. */
    void encode(StreamEvent event, SseWriter out);
}
