package dev.switchboard.routing.upstream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a Responses or Messages stream event's {@code type} and its delta text token by token, without building a JSON
 * tree: most events of a stream are deltas, and the rest are relayed without looking further. Events that carry usage
 * or an error are left to the tree (the passthroughs decide by type). Declines what it cannot read as the tree reader
 * would: not an object, no string {@code type}, a delta field that is a number or a boolean, a member it reads given
 * twice, data that is not UTF-8 or not JSON.
 *
 * <p>
 * One per stream, reused for every event; not thread-safe.
 */
final class TypedEventScan {

    // the members read, one bit each within their object: a second one declines the event
    private static final int TYPE = 1;
    private static final int DELTA = 2;
    private static final int TEXT = 4;
    private static final int PARTIAL_JSON = 8;
    private static final int THINKING = 16;

    private String type;
    /** {@code delta} when it is a string (Responses). */
    private String delta;
    /** {@code delta.type} and its text fields (Messages). */
    private String deltaType;
    private String deltaText;
    private String deltaPartialJson;
    private String deltaThinking;

    /** @return whether the event was read; {@code false} when it needs the tree (then nothing here is valid) */
    boolean read(byte[] json, int offset, int length) {
        clear();
        try (JsonParser parser = EventScanParsers.openObject(json, offset, length)) {
            if (parser == null) {
                return false;
            }
            int seen = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(field)) {
                    if (value != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    seen = EventScanParsers.once(parser, seen, TYPE);
                    type = parser.getText();
                } else if ("delta".equals(field)) {
                    seen = EventScanParsers.once(parser, seen, DELTA);
                    readDelta(parser, value);
                } else {
                    parser.skipChildren();
                }
            }
            return token == JsonToken.END_OBJECT && type != null;
        } catch (IOException e) {
            return false;
        }
    }

    private void clear() {
        type = null;
        delta = null;
        deltaType = null;
        deltaText = null;
        deltaPartialJson = null;
        deltaThinking = null;
    }

    /** A string delta (Responses) or an object with a type and text fields (Messages). */
    private void readDelta(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            delta = EventScanParsers.textOf(parser, value);
            return;
        }
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken member = parser.nextToken();
            switch (field) {
                case "type" -> {
                    seen = EventScanParsers.once(parser, seen, TYPE);
                    deltaType = EventScanParsers.textOf(parser, member);
                }
                case "text" -> {
                    seen = EventScanParsers.once(parser, seen, TEXT);
                    deltaText = EventScanParsers.textOf(parser, member);
                }
                case "partial_json" -> {
                    seen = EventScanParsers.once(parser, seen, PARTIAL_JSON);
                    deltaPartialJson = EventScanParsers.textOf(parser, member);
                }
                case "thinking" -> {
                    seen = EventScanParsers.once(parser, seen, THINKING);
                    deltaThinking = EventScanParsers.textOf(parser, member);
                }
                default -> parser.skipChildren();
            }
        }
    }

    String type() {
        return type;
    }

    /** The event's {@code delta} when it is a string (Responses delta events). */
    String delta() {
        return delta;
    }

    /** {@code delta.type} when the delta is an object (Messages {@code content_block_delta}); {@code ""} otherwise. */
    String deltaType() {
        return deltaType == null ? "" : deltaType;
    }

    String deltaText() {
        return deltaText;
    }

    String deltaPartialJson() {
        return deltaPartialJson;
    }

    String deltaThinking() {
        return deltaThinking;
    }
}
