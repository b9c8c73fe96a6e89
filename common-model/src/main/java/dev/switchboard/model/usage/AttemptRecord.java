package dev.switchboard.model.usage;

import java.time.Instant;

/**
 * One upstream try. {@code errorMessage} is a sanitised, bounded summary: never an upstream body or header.
 *
 * @param selected true for the attempt whose answer reached the caller
 * @param fallbackReason why the previous attempt handed over to this one ({@code null} for the first)
 */
public record AttemptRecord(
        int attemptIndex,
        Instant ts,
        String provider,
        String modelRef,
        String model,
        String dialect,
        String endpointHost,
        long durationMs,
        Integer statusCode,
        String errorClass,
        String errorMessage,
        boolean retryable,
        boolean timedOut,
        boolean clientCanceled,
        boolean selected,
        String fallbackReason,
        Long attemptTimeoutMs,
        Long retryAfterMs) {
}
