package dev.switchboard.simulator.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Event-name sequences with a repeated middle part, for exact stream assertions. */
public final class EventNames {

    private EventNames() {
    }

    public static int count(List<String> names, String name) {
        return Collections.frequency(names, name);
    }

    public static List<String> sequence(List<String> head, String repeated, int times, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Collections.nCopies(times, repeated));
        all.addAll(tail);
        return all;
    }
}
