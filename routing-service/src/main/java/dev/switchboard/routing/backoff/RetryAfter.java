package dev.switchboard.routing.backoff;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an upstream's retry hint: {@code retry-after-ms}, or {@code Retry-After} as seconds or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** @return milliseconds to wait, or {@code null} when the upstream gave no usable hint */
    public static Long parseMillis(String retryAfterMs, String retryAfter, long nowMs) {
        if (retryAfterMs != null) {
            try {
                double ms = Double.parseDouble(retryAfterMs.trim());
                if (ms >= 0 && Double.isFinite(ms)) {
                    return (long) Math.ceil(ms);
                }
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        String value = retryAfter.trim();
        try {
            double seconds = Double.parseDouble(value);
            return seconds >= 0 && Double.isFinite(seconds) ? (long) Math.ceil(seconds * 1000) : null;
        } catch (NumberFormatException e) {
            // not a number: try the HTTP-date form
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, at.toEpochMilli() - nowMs);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whole seconds for a {@code Retry-After} header, rounded up and at least 1. */
    public static long headerSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
