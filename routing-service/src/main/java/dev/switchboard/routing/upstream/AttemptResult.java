package dev.switchboard.routing.upstream;

import java.math.BigDecimal;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.dialect.TokenUsage;

/**
 * How one upstream attempt ended.
 *
 * @param upstreamStatus HTTP status the upstream answered, {@code null} when it never answered
 * @param message our own sanitised summary, never upstream text
 * @param retryAfterMs the upstream's retry hint
 * @param committed events of this attempt reached the caller (streams)
 * @param upstreamFirstByteMs time from sending to the upstream's response head, when there was one
 * @param body for a non-streaming success: the bytes for the caller
 */
public record AttemptResult(
        Outcome outcome,
        Integer upstreamStatus,
        UpstreamErrorClass errorClass,
        String message,
        Long retryAfterMs,
        boolean timedOut,
        boolean committed,
        long startedAtEpochMs,
        long durationMs,
        Long upstreamFirstByteMs,
        Buffer body,
        String contentType,
        TokenUsage usage,
        CharSequence outputText,
        BigDecimal reportedCostUsd) {

    public enum Outcome {
        /** The answer is complete (relayed for streams, ready to send otherwise). */
        SUCCESS,
        /** Nothing reached the caller; another target may be tried if the class is retryable. */
        FAILED,
        /** The stream broke after events reached the caller: no fallback, no error body. */
        BROKEN_STREAM,
        /** The caller went away. */
        CANCELED
    }

    public boolean retryable() {
        return outcome == Outcome.FAILED && errorClass != null && errorClass.retryable();
    }

    /** Whether this attempt's answer (or part of it) reached, or is about to reach, the caller. */
    public boolean delivered() {
        return outcome == Outcome.SUCCESS || committed;
    }
}
