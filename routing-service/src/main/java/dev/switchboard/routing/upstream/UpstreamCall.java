package dev.switchboard.routing.upstream;

import dev.switchboard.model.policy.ResolvedTarget;

/**
 * One attempt to send.
 *
 * @param attemptTimeoutMs budget of this attempt, already bounded by the overall deadline; for streams it runs until
 *        the first event reaches the caller
 * @param deadlineNanos {@link System#nanoTime()} at which the whole upstream budget of the request ends
 * @param stream where to relay events, or {@code null} for a non-streaming request
 */
public record UpstreamCall(
        ResolvedTarget target,
        ShapedCall shaped,
        String requestId,
        long attemptTimeoutMs,
        long deadlineNanos,
        long maxResponseBytes,
        CallerStream stream,
        CancelSignal cancel) {

    public UpstreamRequest request() {
        return shaped.request();
    }

    /** Creates the per-attempt stream state; only used when {@link #stream()} is set. */
    @FunctionalInterface
    public interface TranscoderFactory {
        StreamTranscoder create();
    }
}
