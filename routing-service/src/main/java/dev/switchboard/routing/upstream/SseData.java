package dev.switchboard.routing.upstream;

import io.vertx.core.buffer.Buffer;

/**
 * Byte-level reading of the usual SSE event, one {@code data:} line (with or without an {@code event:} line), so that a
 * stream's events need no decoding to text. Events with several data lines are read as text by
 * {@link UpstreamJson#data}.
 */
final class SseData {

    private static final byte[] DATA = {'d', 'a', 't', 'a', ':'};
    private static final byte[] DATA_PREFIX = {'d', 'a', 't', 'a', ':', ' '};
    private static final byte[] TERMINATOR = {'\n', '\n'};

    private SseData() {
    }

    /**
     * Where the value of the event's only {@code data:} line starts (after the one optional space), or {@code -1} when
     * it has none or several; the event is {@code bytes[from, to)}. Other lines ({@code event:}, {@code id:},
     * comments) are ignored, as {@link UpstreamJson#data} ignores them.
     */
    static int dataStart(byte[] bytes, int from, int to) {
        int found = -1;
        int line = from;
        while (line < to) {
            int newline = indexOf(bytes, (byte) '\n', line, to);
            int end = newline < 0 ? to : newline;
            if (startsWithData(bytes, line, end)) {
                if (found >= 0) {
                    return -1;
                }
                int value = line + DATA.length;
                found = value < end && bytes[value] == ' ' ? value + 1 : value;
            }
            line = end + 1;
        }
        return found;
    }

    /** Where the data line that {@link #dataStart} found ends, its {@code \r} excluded. */
    static int dataEnd(byte[] bytes, int start, int to) {
        int newline = indexOf(bytes, (byte) '\n', start, to);
        int end = newline < 0 ? to : newline;
        return end > start && bytes[end - 1] == '\r' ? end - 1 : end;
    }

    private static boolean startsWithData(byte[] event, int from, int to) {
        if (to - from < DATA.length) {
            return false;
        }
        for (int i = 0; i < DATA.length; i++) {
            if (event[from + i] != DATA[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code event[from, to)}, without surrounding spaces, is the ASCII text {@code expected}. */
    static boolean equalsTrimmed(byte[] event, int from, int to, String expected) {
        while (from < to && event[from] == ' ') {
            from++;
        }
        while (to > from && event[to - 1] == ' ') {
            to--;
        }
        if (to - from != expected.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (event[from + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The event {@code data: <json>\n\n} with the object member at {@code [memberStart, memberEnd)} cut out of the
     * data at {@code [from, to)}, together with the comma that separates it from its neighbour; every other byte is
     * kept as the upstream sent it.
     */
    static Buffer withoutMember(byte[] event, int from, int to, int memberStart, int memberEnd) {
        int cutFrom = memberStart;
        int cutTo = memberEnd;
        int after = skipSpace(event, memberEnd, to);
        if (after < to && event[after] == ',') {
            cutTo = skipSpace(event, after + 1, to);
        } else {
            int before = memberStart - 1;
            while (before > from && isSpace(event[before])) {
                before--;
            }
            if (event[before] == ',') {
                cutFrom = before;
            }
        }
        return Buffer.buffer(DATA_PREFIX.length + (to - from) - (cutTo - cutFrom) + TERMINATOR.length)
                .appendBytes(DATA_PREFIX)
                .appendBytes(event, from, cutFrom - from)
                .appendBytes(event, cutTo, to - cutTo)
                .appendBytes(TERMINATOR);
    }

    private static int skipSpace(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && isSpace(bytes[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
