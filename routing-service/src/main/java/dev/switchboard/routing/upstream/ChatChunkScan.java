package dev.switchboard.routing.upstream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads what accounting needs from one Chat Completions stream chunk token by token, without building a JSON tree: a
 * tree per event was a tenth of routing's CPU on streams ({@code docs/performance.md}). It reads the usual chunk (no
 * usage, or {@code "usage":null}, with content and tool-call deltas) and declines the rest: a usage object, an error,
 * unexpected shapes, a member it reads given twice, data that is not UTF-8 or not JSON, which the caller reads as a
 * tree. A declined chunk leaves nothing behind.
 *
 * <p>
 * One per stream, reused for every event; not thread-safe.
 */
final class ChatChunkScan {

    // the members read, one bit each within their object: a second one declines the chunk
    private static final int CHOICES = 1;
    private static final int DELTA = 1;
    private static final int FINISH_REASON = 2;
    private static final int CONTENT = 1;
    private static final int TOOL_CALLS = 2;
    private static final int FUNCTION = 1;
    private static final int NAME = 1;
    private static final int ARGUMENTS = 2;

    private final StringBuilder content = new StringBuilder();
    private final StringBuilder toolText = new StringBuilder();
    private final StringBuilder text = new StringBuilder(64);
    private final StringBuilder name = new StringBuilder();
    private final StringBuilder arguments = new StringBuilder();

    private boolean finished;
    private int nullUsageStart;
    private int nullUsageEnd;

    /**
     * @return whether the chunk was read; {@code false} when it needs the tree (then nothing here is valid)
     */
    boolean read(byte[] json, int offset, int length) {
        text.setLength(0);
        finished = false;
        nullUsageStart = -1;
        try (JsonParser parser = EventScanParsers.openObject(json, offset, length)) {
            if (parser == null) {
                return false;
            }
            int seen = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                // Jackson counts byte offsets from the start of the input it was given, not of the array
                int fieldStart = offset + (int) parser.currentTokenLocation().getByteOffset();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "error" -> {
                        return false;
                    }
                    case "usage" -> {
                        if (value != JsonToken.VALUE_NULL || nullUsageStart >= 0) {
                            return false;
                        }
                        nullUsageStart = fieldStart;
                        nullUsageEnd = offset + (int) parser.currentLocation().getByteOffset();
                    }
                    case "choices" -> {
                        seen = EventScanParsers.once(parser, seen, CHOICES);
                        readChoices(parser, value);
                    }
                    default -> parser.skipChildren();
                }
            }
            return token == JsonToken.END_OBJECT;
        } catch (IOException e) {
            return false;
        }
    }

    private void readChoices(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        expect(parser, value, JsonToken.START_ARRAY);
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            expect(parser, element, JsonToken.START_OBJECT);
            readChoice(parser);
        }
    }

    /** A choice's text in the tree reader's order: the content first, then each tool call's name and arguments. */
    private void readChoice(JsonParser parser) throws IOException {
        content.setLength(0);
        toolText.setLength(0);
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("delta".equals(field) && value == JsonToken.START_OBJECT) {
                seen = EventScanParsers.once(parser, seen, DELTA);
                readDelta(parser);
            } else if ("finish_reason".equals(field)) {
                seen = EventScanParsers.once(parser, seen, FINISH_REASON);
                finished |= value != JsonToken.VALUE_NULL;
                parser.skipChildren();
            } else {
                parser.skipChildren();
            }
        }
        text.append(content).append(toolText);
    }

    private void readDelta(JsonParser parser) throws IOException {
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("content".equals(field)) {
                seen = EventScanParsers.once(parser, seen, CONTENT);
                appendText(parser, value, content);
            } else if ("tool_calls".equals(field)) {
                seen = EventScanParsers.once(parser, seen, TOOL_CALLS);
                readToolCalls(parser, value);
            } else {
                parser.skipChildren();
            }
        }
    }

    private void readToolCalls(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        expect(parser, value, JsonToken.START_ARRAY);
        JsonToken call;
        while ((call = parser.nextToken()) != JsonToken.END_ARRAY) {
            expect(parser, call, JsonToken.START_OBJECT);
            int seen = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken function = parser.nextToken();
                if (!"function".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                seen = EventScanParsers.once(parser, seen, FUNCTION);
                if (function != JsonToken.VALUE_NULL) {
                    expect(parser, function, JsonToken.START_OBJECT);
                    readFunction(parser);
                }
            }
        }
    }

    private void readFunction(JsonParser parser) throws IOException {
        name.setLength(0);
        arguments.setLength(0);
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("name".equals(field)) {
                seen = EventScanParsers.once(parser, seen, NAME);
                appendText(parser, value, name);
            } else if ("arguments".equals(field)) {
                seen = EventScanParsers.once(parser, seen, ARGUMENTS);
                appendText(parser, value, arguments);
            } else {
                parser.skipChildren();
            }
        }
        toolText.append(name).append(arguments);
    }

    /** A shape the tree reader would read differently (or not at all) declines the chunk. */
    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) throws JsonParseException {
        if (actual != expected) {
            throw new JsonParseException(parser, "an unexpected shape");
        }
    }

    private static void appendText(JsonParser parser, JsonToken value, StringBuilder into) throws IOException {
        String text = EventScanParsers.textOf(parser, value);
        if (text != null) {
            into.append(text);
        }
    }

    /** The generated text of the chunk read last, in the order the tree reader would collect it. */
    CharSequence text() {
        return text;
    }

    /** Whether a choice of the chunk read last has a finish reason. */
    boolean finished() {
        return finished;
    }

    /** Whether the chunk read last has {@code "usage":null}. */
    boolean hasNullUsage() {
        return nullUsageStart >= 0;
    }

    /** Where the chunk's {@code "usage"} member starts, as an offset in the array read (only with a null usage). */
    int nullUsageStart() {
        return nullUsageStart;
    }

    /** Where the chunk's {@code "usage"} member's {@code null} ends, as an offset in the array read. */
    int nullUsageEnd() {
        return nullUsageEnd;
    }
}
