package dev.switchboard.model.usage;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.switchboard.model.json.Json;

/** JSON codec and structural checks for {@link UsageEvent}; the schema version is checked on every read. */
public final class UsageEvents {

    private static final Instant FIRST_STORABLE = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LAST_STORABLE = Instant.parse("+10000-01-01T00:00:00Z");

    private UsageEvents() {
    }

    public static byte[] toJson(UsageEvent event) {
        try {
            return Json.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("usage events are always serialisable", e);
        }
    }

    /**
     * @throws MalformedUsageEventException when the payload is not a usable event (bad JSON, unknown schema version,
     *         missing request ID…): such events belong in the dead-letter topic
     */
    public static UsageEvent fromJson(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new MalformedUsageEventException("empty payload");
        }
        UsageEvent event;
        try {
            event = Json.MAPPER.readValue(payload, UsageEvent.class);
        } catch (IOException e) {
            throw new MalformedUsageEventException("not a usage event: " + e.getClass().getSimpleName());
        }
        List<String> problems = problems(event);
        if (!problems.isEmpty()) {
            throw new MalformedUsageEventException(String.join(", ", problems));
        }
        return event;
    }

    static List<String> problems(UsageEvent e) {
        List<String> problems = new ArrayList<>();
        if (e == null) {
            problems.add("null event");
            return problems;
        }
        if (e.schemaVersion() != UsageEvent.SCHEMA_VERSION) {
            problems.add("unsupported schema_version " + e.schemaVersion());
        }
        if (e.requestId() == null || e.requestId().isBlank() || e.requestId().length() > 128) {
            problems.add("request_id missing or too long");
        }
        if (e.ts() == null) {
            problems.add("ts missing");
        }
        if (!storable(e.ts()) || e.attempts().stream().anyMatch(a -> !storable(a.ts()))
                || e.shapeEvents().stream().anyMatch(s -> !storable(s.ts()))) {
            problems.add("ts outside years 1-9999");
        }
        if (e.status() < 100 || e.status() > 599) {
            problems.add("status out of range");
        }
        if (e.inputTokens() < 0 || e.outputTokens() < 0 || e.totalTokens() < 0) {
            problems.add("negative token count");
        }
        return problems;
    }

    /** Absent, or within years 1–9999: an instant PostgreSQL stores as itself (its driver writes far ones as infinity). */
    private static boolean storable(Instant ts) {
        return ts == null || (!ts.isBefore(FIRST_STORABLE) && ts.isBefore(AFTER_LAST_STORABLE));
    }

    /** Raised for payloads that cannot be persisted; the message is safe to log (no payload content). */
    public static final class MalformedUsageEventException extends RuntimeException {
        public MalformedUsageEventException(String message) {
            super(message, null, false, false);
        }
    }
}
