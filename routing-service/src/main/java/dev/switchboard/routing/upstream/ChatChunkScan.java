package dev.switchboard.routing.upstream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.switchboard.model.json.Json;

/**
 * Reads what accounting needs from one Chat Completions stream chunk token by token, without building a JSON tree: a
 * tree per event was a tenth of routing's CPU on streams ({@code docs/performance.md}). It reads the usual chunk (no
 * usage, or {@code "usage":null}, with content and tool-call deltas) and declines the rest: a usage object, an error,
 * unexpected shapes or bad JSON, which the caller reads as a tree. A declined chunk leaves nothing behind.
 *
 * <p>
 * One per stream, reused for every event; not thread-safe.
 */
final class ChatChunkScan {

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
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
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
                        if (!readChoices(parser, value)) {
                            return false;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            return token == JsonToken.END_OBJECT;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean readChoices(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return true;
        }
        if (value != JsonToken.START_ARRAY) {
            return false;
        }
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element != JsonToken.START_OBJECT || !readChoice(parser)) {
                return false;
            }
        }
        return true;
    }

    /** A choice's text in the tree reader's order: the content first, then each tool call's name and arguments. */
    private boolean readChoice(JsonParser parser) throws IOException {
        content.setLength(0);
        toolText.setLength(0);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("delta".equals(field) && value == JsonToken.START_OBJECT) {
                if (!readDelta(parser)) {
                    return false;
                }
            } else if ("finish_reason".equals(field) && value != JsonToken.VALUE_NULL) {
                finished = true;
                parser.skipChildren();
            } else {
                parser.skipChildren();
            }
        }
        text.append(content).append(toolText);
        return true;
    }

    private boolean readDelta(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("content".equals(field)) {
                if (!appendText(parser, value, content)) {
                    return false;
                }
            } else if ("tool_calls".equals(field)) {
                if (!readToolCalls(parser, value)) {
                    return false;
                }
            } else {
                parser.skipChildren();
            }
        }
        return true;
    }

    private boolean readToolCalls(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return true;
        }
        if (value != JsonToken.START_ARRAY) {
            return false;
        }
        JsonToken call;
        while ((call = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (call != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken function = parser.nextToken();
                if (!"function".equals(field) || function == JsonToken.VALUE_NULL) {
                    parser.skipChildren();
                } else if (function != JsonToken.START_OBJECT || !readFunction(parser)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean readFunction(JsonParser parser) throws IOException {
        name.setLength(0);
        arguments.setLength(0);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("name".equals(field)) {
                if (!appendText(parser, value, name)) {
                    return false;
                }
            } else if ("arguments".equals(field)) {
                if (!appendText(parser, value, arguments)) {
                    return false;
                }
            } else {
                parser.skipChildren();
            }
        }
        toolText.append(name).append(arguments);
        return true;
    }

    /**
     * Strings are text, {@code null} and containers are none (as the tree reader counts them); other scalars are
     * declined, because the tree would print a number in its own canonical form.
     */
    private static boolean appendText(JsonParser parser, JsonToken value, StringBuilder into) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            into.append(parser.getText());
            return true;
        }
        if (value == JsonToken.VALUE_NULL) {
            return true;
        }
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return true;
        }
        return false;
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
