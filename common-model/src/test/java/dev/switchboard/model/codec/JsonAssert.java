package dev.switchboard.model.codec;

import java.util.Comparator;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON equality that compares numbers by value (an int and a long 42 are the same on the wire). */
final class JsonAssert {

    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonAssert() {
    }

    static void assertJsonEquals(JsonNode actual, JsonNode expected) {
        if (!actual.equals(BY_VALUE, expected)) {
            throw new AssertionError("JSON differs.\nexpected: " + expected.toPrettyString() + "\nactual:   "
                    + actual.toPrettyString());
        }
    }
}
