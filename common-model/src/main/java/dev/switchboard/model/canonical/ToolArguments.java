package dev.switchboard.model.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.json.Json;

/**
 * The arguments of a tool call, held as the dialect sent them: OpenAI dialects send a JSON string, Anthropic a JSON
 * object. The other form is computed once, on first use, so a same-dialect round trip never re-parses.
 */
public final class ToolArguments {

    public static final ToolArguments EMPTY = ofJson("{}");

    private volatile String json;
    private volatile JsonNode node;

    private ToolArguments(String json, JsonNode node) {
        this.json = json;
        this.node = node;
    }

    public static ToolArguments ofJson(String json) {
        return new ToolArguments(json == null ? "" : json, null);
    }

    public static ToolArguments ofNode(JsonNode node) {
        return new ToolArguments(null, node);
    }

    /** The arguments as JSON text (may be empty or, from a sloppy upstream, not JSON at all). */
    public String json() {
        String text = json;
        if (text == null) {
            try {
                text = Json.MAPPER.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serialises", e);
            }
            json = text;
        }
        return text;
    }

    /**
     * The arguments as a JSON tree; blank text reads as an empty object.
     *
     * @throws IllegalArgumentException when the text is not JSON
     */
    public JsonNode node() {
        JsonNode tree = node;
        if (tree == null) {
            String text = json;
            try {
                tree = text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("tool call arguments are not valid JSON");
            }
            node = tree;
        }
        return tree;
    }

    /** Equal when both parse to the same JSON value (or, failing that, have the same text). */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ToolArguments that)) {
            return false;
        }
        try {
            return node().equals(that.node());
        } catch (IllegalArgumentException notJson) {
            return json().equals(that.json());
        }
    }

    @Override
    public int hashCode() {
        try {
            return node().hashCode();
        } catch (IllegalArgumentException notJson) {
            return json().hashCode();
        }
    }

    /** Deliberately content-free: arguments may carry caller data. */
    @Override
    public String toString() {
        return "ToolArguments[" + json().length() + " chars]";
    }
}
