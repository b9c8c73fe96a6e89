package dev.switchboard.usage.summary;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;

/** A half-open time range {@code [from, to)}; both ends default so that a bare request means "the last 30 days". */
record SummaryWindow(Instant from, Instant to) {

    static final Duration DEFAULT_SPAN = Duration.ofDays(30);

    static SummaryWindow parse(String from, String to, Instant now, Duration maxSpan) {
        Instant end = blank(to) ? now.truncatedTo(ChronoUnit.MILLIS) : instant("to", to);
        Instant start = blank(from) ? end.minus(DEFAULT_SPAN) : instant("from", from);
        if (!start.isBefore(end)) {
            throw invalid("'from' must be before 'to'", "from");
        }
        if (Duration.between(start, end).compareTo(maxSpan) > 0) {
            throw invalid("the window may span at most " + maxSpan.toDays() + " days", "from");
        }
        return new SummaryWindow(start, end);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid("'" + name + "' must be an ISO-8601 instant such as 2026-11-22T00:00:00Z", name);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static GatewayError.Failure invalid(String message, String field) {
        return GatewayError.of(ErrorType.INVALID_REPORT_FILTER, message).withDetail("field", field).asException();
    }
}
