package dev.switchboard.simulator.support;

import java.util.ArrayList;
import java.util.List;

/** Splits an SSE body into the data of its events. */
public final class Sse {

    private Sse() {
    }

    public static List<String> data(String body) {
        List<String> data = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (event.isBlank()) {
                continue;
            }
            if (!event.startsWith("data: ")) {
                throw new AssertionError("not an SSE data event: " + event);
            }
            data.add(event.substring("data: ".length()));
        }
        return data;
    }
}
