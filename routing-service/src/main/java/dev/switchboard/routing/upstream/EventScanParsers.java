package dev.switchboard.routing.upstream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.switchboard.model.json.Json;

/**
 * Opens the streaming parser that {@link ChatChunkScan} and {@link TypedEventScan} read an event's data with. They read
 * only what the tree reader would read the same way: data that is a UTF-8 JSON object starting at its first byte, with
 * none of the members they read given twice (the tree keeps the last, a scan would have read both). Everything else is
 * left to the tree, which decodes the data as UTF-8 text and fails on what it cannot read.
 */
final class EventScanParsers {

    private EventScanParsers() {
    }

    /**
     * A parser positioned on the data's opening brace, or {@code null} when the data is not an object whose first byte
     * is {@code {}} or Jackson detected another encoding from its first bytes (UTF-16 or UTF-32: no byte offsets). A
     * parser returned must be closed.
     */
    static JsonParser openObject(byte[] json, int offset, int length) throws IOException {
        if (length == 0 || json[offset] != '{') {
            return null;
        }
        JsonParser parser = Json.MAPPER.getFactory().createParser(json, offset, length);
        if (parser.nextToken() != JsonToken.START_OBJECT || parser.currentLocation().getByteOffset() < 0) {
            parser.close();
            return null;
        }
        return parser;
    }

    /**
     * Marks the member {@code bit} of an object as read, and declines the event (by throwing) when it was read already.
     * Jackson's own duplicate detection checks every member, for a third more time and twice the allocation per
     * event; only the members a scan reads need it.
     */
    static int once(JsonParser parser, int seen, int bit) throws JsonParseException {
        if ((seen & bit) != 0) {
            throw new JsonParseException(parser, "a member read twice");
        }
        return seen | bit;
    }

    /**
     * A text field's value as the tree reader counts it: a string is its text, {@code null} and containers are no text
     * ({@code null}). A number or a boolean declines the event (by throwing): the tree would print it in its own
     * canonical form.
     */
    static String textOf(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (value == JsonToken.VALUE_NULL || value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        throw new JsonParseException(parser, "text that is a number or a boolean");
    }
}
