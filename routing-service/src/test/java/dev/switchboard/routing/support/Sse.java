package dev.switchboard.routing.support;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonObject;

/** Reads a caller-side SSE body back into events, for assertions. */
public final class Sse {

    /** @param name the {@code event:} name, {@code null} when the event had none (OpenAI Chat) */
    public record Event(String name, String data) {

        public JsonObject json() {
            return new JsonObject(data);
        }
    }

    private Sse() {
    }

    public static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            String name = null;
            StringBuilder data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null
                            ? new StringBuilder(line.substring(6))
                            : data.append('\n').append(line.substring(6));
                }
            }
            if (data != null) {
                events.add(new Event(name, data.toString()));
            }
        }
        return events;
    }

    public static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }
}
