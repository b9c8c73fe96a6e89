package dev.switchboard.reports.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;

/**
 * The half-open range {@code [from, to)} a caller asked for: either {@code since} ({@code 90m}, {@code 24h}, {@code 7d})
 * ending now, or explicit ISO-8601 {@code from}/{@code to}; nothing means the last 30 days.
 */
public record ReportWindow(Instant from, Instant to) {

    static final Duration DEFAULT_SPAN = Duration.ofDays(30);
    private static final Pattern SINCE = Pattern.compile("([1-9][0-9]{0,5})([mhd])");

    public static ReportWindow parse(String since, String from, String to, Instant now, Duration maxSpan) {
        Instant end = now.truncatedTo(ChronoUnit.MILLIS);
        ReportWindow window;
        if (present(since)) {
            if (present(from) || present(to)) {
                throw invalid("use either 'since' or 'from'/'to', not both", "since");
            }
            window = new ReportWindow(end.minus(span(since.trim())), end);
        } else {
            Instant windowEnd = present(to) ? instant("to", to) : end;
            Instant windowStart = present(from) ? instant("from", from) : windowEnd.minus(DEFAULT_SPAN);
            window = new ReportWindow(windowStart, windowEnd);
        }
        if (!window.from().isBefore(window.to())) {
            throw invalid("'from' must be before 'to'", "from");
        }
        if (Duration.between(window.from(), window.to()).compareTo(maxSpan) > 0) {
            throw invalid("a report window may span at most " + maxSpan.toDays() + " days", present(since)
                    ? "since"
                    : "from");
        }
        return window;
    }

    private static Duration span(String since) {
        Matcher m = SINCE.matcher(since);
        if (!m.matches()) {
            throw invalid("'since' must be a number followed by m, h or d, such as 24h or 7d", "since");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid("'" + name + "' must be an ISO-8601 instant such as 2026-11-22T00:00:00Z", name);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static GatewayError.Failure invalid(String message, String field) {
        return GatewayError.of(ErrorType.INVALID_REPORT_FILTER, message).withDetail("field", field).asException();
    }
}
