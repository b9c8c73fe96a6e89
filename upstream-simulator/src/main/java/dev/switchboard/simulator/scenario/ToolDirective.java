package dev.switchboard.simulator.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.json.Json;

/**
 * A scripted tool call written into a user turn as {@code [[sim:tool NAME {json-args}]]} (arguments optional). The
 * directive may sit anywhere in the text: coding agents wrap the user's prompt in their own text.
 *
 * @param arguments the arguments as compact JSON (always an object)
 * @param callKey the deterministic part of the call id, the same for the same directive at the same position
 */
public record ToolDirective(String name, String arguments, String callKey) {

    public static final String MARKER = "[[sim:tool";
    private static final String CLOSE = "]]";
    private static final int MAX_NAME_CHARS = 128;

    /** Cheap test before {@link #parse}: most texts never contain the marker. */
    public static boolean mayContain(String text) {
        return text != null && text.contains(MARKER);
    }

    /** Every well-formed directive of the text, in order; malformed ones are ignored. */
    public static List<ToolDirective> parse(String text) {
        if (!mayContain(text)) {
            return List.of();
        }
        List<ToolDirective> directives = new ArrayList<>(2);
        int from = 0;
        int marker;
        while ((marker = text.indexOf(MARKER, from)) >= 0) {
            from = marker + MARKER.length();
            int end = readOne(text, from, directives);
            if (end > 0) {
                from = end;
            }
        }
        return directives;
    }

    /** @return the index after the directive, or -1 when it is malformed */
    private static int readOne(String text, int start, List<ToolDirective> directives) {
        int i = start;
        if (i >= text.length() || !Character.isWhitespace(text.charAt(i))) {
            return -1;
        }
        i = skipSpace(text, i);
        int nameStart = i;
        while (i < text.length() && isNameChar(text.charAt(i))) {
            i++;
        }
        if (i == nameStart || i - nameStart > MAX_NAME_CHARS) {
            return -1;
        }
        String name = text.substring(nameStart, i);
        i = skipSpace(text, i);
        String arguments = "{}";
        if (i < text.length() && text.charAt(i) == '{') {
            int objectEnd = objectEnd(text, i);
            if (objectEnd < 0) {
                return -1;
            }
            arguments = compactObject(text.substring(i, objectEnd));
            if (arguments == null) {
                return -1;
            }
            i = skipSpace(text, objectEnd);
        }
        if (!text.startsWith(CLOSE, i)) {
            return -1;
        }
        directives.add(new ToolDirective(name, arguments, callKey(directives.size(), name, arguments)));
        return i + CLOSE.length();
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                || c == '.';
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the brace that closes the object opened at {@code start}, skipping braces in strings. */
    private static int objectEnd(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String compactObject(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node != null && node.isObject() ? Json.MAPPER.writeValueAsString(node) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** 64-bit FNV-1a over position, name and arguments, as 16 hex digits. */
    static String callKey(int position, String name, String arguments) {
        long hash = 0xcbf29ce484222325L;
        byte[] bytes = (position + "\u0000" + name + "\u0000" + arguments).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return String.format("%016x", hash);
    }

    /** Whether a call id (in any dialect's prefix: {@code call_sim_}, {@code toolu_sim_}) was issued for this one. */
    public boolean answeredBy(String callId) {
        return callId != null && callId.endsWith("sim_" + callKey);
    }
}
