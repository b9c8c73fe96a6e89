package dev.switchboard.routing.upstream;

import io.vertx.core.buffer.Buffer;

/**
 * Byte-level reading of the usual SSE event, one {@code data:} line and its terminator, so that a stream's events need
 * no decoding to text. Events of any other form (several data lines, comments, other fields) are read as text by
 * {@link UpstreamJson#data}.
 */
final class SseData {

    private static final byte[] DATA = {'d', 'a', 't', 'a', ':'};
    private static final byte[] DATA_PREFIX = {'d', 'a', 't', 'a', ':', ' '};
    private static final byte[] TERMINATOR = {'\n', '\n'};

    private SseData() {
    }

    /**
     * Where the data of a single-line {@code data:} event starts (after the one optional space), or {@code -1} when
     * the event has another form.
     */
    static int singleLineDataStart(byte[] event) {
        if (event.length < DATA.length) {
            return -1;
        }
        for (int i = 0; i < DATA.length; i++) {
            if (event[i] != DATA[i]) {
                return -1;
            }
        }
        int newline = indexOf(event, (byte) '\n');
        if (newline < 0) {
            return -1;
        }
        for (int i = newline + 1; i < event.length; i++) {
            if (event[i] != '\n' && event[i] != '\r') {
                return -1;
            }
        }
        return event.length > DATA.length && event[DATA.length] == ' ' ? DATA.length + 1 : DATA.length;
    }

    /** Where the first line ends, its {@code \r} excluded; only for events {@link #singleLineDataStart} accepted. */
    static int lineEnd(byte[] event) {
        int newline = indexOf(event, (byte) '\n');
        return newline > 0 && event[newline - 1] == '\r' ? newline - 1 : newline;
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

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
