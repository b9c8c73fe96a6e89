package dev.switchboard.simulator.support;

import java.util.ArrayList;
import java.util.List;

/** Splits an SSE body into its events. */
public final class Sse {

    private Sse() {
    }

    /** One event as written on the wire: {@code event:} name (or {@code null}) and {@code data:}. */
    public record Event(String event, String data) {
    }

    /** The data of events that carry only {@code data:} lines (OpenAI Chat). */
    public static List<String> data(String body) {
        List<String> data = new ArrayList<>();
        for (Event event : events(body)) {
            if (event.event() != null) {
                throw new AssertionError("unexpected event name: " + event.event());
            }
            data.add(event.data());
        }
        return data;
    }

    /** Every event, each exactly one optional {@code event:} line followed by one {@code data:} line. */
    public static List<Event> events(String body) {
        List<Event> events = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (event.isBlank()) {
                continue;
            }
            String name = null;
            String rest = event;
            if (rest.startsWith("event: ")) {
                int newline = rest.indexOf('\n');
                if (newline < 0) {
                    throw new AssertionError("event without data: " + event);
                }
                name = rest.substring("event: ".length(), newline);
                rest = rest.substring(newline + 1);
            }
            if (!rest.startsWith("data: ") || rest.contains("\n")) {
                throw new AssertionError("not one SSE data line: " + event);
            }
            events.add(new Event(name, rest.substring("data: ".length())));
        }
        return events;
    }

    /** The event names in order. */
    public static List<String> names(String body) {
        return events(body).stream().map(Event::event).toList();
    }
}
