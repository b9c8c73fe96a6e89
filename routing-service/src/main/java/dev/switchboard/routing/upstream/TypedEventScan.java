package dev.switchboard.routing.upstream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.switchboard.model.json.Json;

/**
 * Reads a Responses or Messages stream event's {@code type} and its delta text token by token, without building a JSON
 * tree: most events of a stream are deltas, and the rest are relayed without looking further. Events that carry usage
 * or an error are left to the tree (the passthroughs decide by type). Declines what it cannot read as the tree reader
 * would: not an object, no string {@code type}, a delta field that is a number or a boolean, bad JSON.
 *
 * <p>
 * One per stream, reused for every event; not thread-safe.
 */
final class TypedEventScan {

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
        type = null;
        delta = null;
        deltaType = null;
        deltaText = null;
        deltaPartialJson = null;
        deltaThinking = null;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(field)) {
                    if (value != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    type = parser.getText();
                } else if ("delta".equals(field)) {
                    if (!readDelta(parser, value)) {
                        return false;
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return token == JsonToken.END_OBJECT && type != null;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean readDelta(JsonParser parser, JsonToken value) throws IOException {
        delta = null;
        deltaType = null;
        deltaText = null;
        deltaPartialJson = null;
        deltaThinking = null;
        if (value != JsonToken.START_OBJECT) {
            if (!isText(value)) {
                return false;
            }
            delta = textOf(parser, value);
            return true;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken member = parser.nextToken();
            switch (field) {
                case "type", "text", "partial_json", "thinking" -> {
                    if (!isText(member)) {
                        return false;
                    }
                    String text = textOf(parser, member);
                    switch (field) {
                        case "type" -> deltaType = text;
                        case "text" -> deltaText = text;
                        case "partial_json" -> deltaPartialJson = text;
                        default -> deltaThinking = text;
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return true;
    }

    /** Values the tree reader turns into text or into none; numbers and booleans it would print its own way. */
    private static boolean isText(JsonToken value) {
        return value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL || value == JsonToken.START_OBJECT
                || value == JsonToken.START_ARRAY;
    }

    /** A string's text; {@code null} for JSON null and for containers (which the tree reader counts as no text). */
    private static String textOf(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
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
