package dev.switchboard.routing.attempt;

import java.util.List;

import dev.switchboard.model.error.GatewayError;

/**
 * How the attempt loop ended.
 *
 * @param last the attempt that decided the outcome (the serving one on success); {@code null} for
 *        {@link Kind#REJECTED} without attempts
 * @param error for {@link Kind#FAILED} and {@link Kind#REJECTED}: the catalogued error for the caller
 */
public record RunOutcome(Kind kind, List<Attempt> attempts, Attempt last, GatewayError error) {

    public enum Kind {
        /** An upstream answer is ready (non-streaming) or was fully relayed (streaming). */
        SERVED,
        /** Every attempt failed before anything reached the caller. */
        FAILED,
        /** A stream broke after the caller had events: the response just ends. */
        BROKEN_STREAM,
        /** The caller went away. */
        CANCELED,
        /** The request cannot be expressed in the dialect of any remaining target; nothing was sent. */
        REJECTED
    }

    public boolean fallbackUsed() {
        return attempts.size() > 1;
    }
}
