package dev.switchboard.model.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental server-sent-events parser (WHATWG event-stream format): feed it byte chunks as they arrive, split
 * anywhere, and it emits each complete event. Handles LF, CRLF and CR line ends, multi-line {@code data:}, comments
 * and a leading BOM; ignores {@code id:} and {@code retry:}. Not thread-safe: one parser per stream.
 */
public final class SseParser {

    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};

    private byte[] line = new byte[512];
    private int lineLength;
    private boolean afterCarriageReturn;
    private boolean atStreamStart = true;

    private String eventName;
    private String firstData;
    private StringBuilder moreData;

    /** Feeds a whole chunk. */
    public void feed(byte[] chunk, Consumer<SseEvent> sink) {
        feed(chunk, 0, chunk.length, sink);
    }

    public void feed(byte[] chunk, int offset, int length, Consumer<SseEvent> sink) {
        int position = offset;
        int end = offset + length;
        if (atStreamStart && length > 0) {
            position = skipByteOrderMark(chunk, position, end);
        }
        while (position < end) {
            byte b = chunk[position];
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                position++;
                continue;
            }
            afterCarriageReturn = false;
            int lineEnd = position;
            while (lineEnd < end && chunk[lineEnd] != '\n' && chunk[lineEnd] != '\r') {
                lineEnd++;
            }
            append(chunk, position, lineEnd - position);
            if (lineEnd == end) {
                return;
            }
            afterCarriageReturn = chunk[lineEnd] == '\r';
            processLine(sink);
            position = lineEnd + 1;
        }
    }

    /** Convenience for text input (tests, fixtures). */
    public void feed(String text, Consumer<SseEvent> sink) {
        feed(text.getBytes(StandardCharsets.UTF_8), sink);
    }

    /**
     * The stream closed. Unlike a browser, dispatches a last event that lacks its blank line: upstreams that close
     * right after {@code data: [DONE]} must not lose it.
     */
    public void end(Consumer<SseEvent> sink) {
        if (lineLength > 0) {
            processLine(sink);
        }
        dispatch(sink);
    }

    private int skipByteOrderMark(byte[] chunk, int position, int end) {
        atStreamStart = false;
        if (end - position >= 3 && chunk[position] == (byte) 0xEF && chunk[position + 1] == (byte) 0xBB
                && chunk[position + 2] == (byte) 0xBF) {
            return position + 3;
        }
        return position;
    }

    private void append(byte[] chunk, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(chunk, offset, line, lineLength, length);
        lineLength += length;
    }

    private void processLine(Consumer<SseEvent> sink) {
        int length = lineLength;
        lineLength = 0;
        if (length == 0) {
            dispatch(sink);
            return;
        }
        if (line[0] == ':') {
            return;
        }
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            colon++;
        }
        int valueStart = colon + 1;
        if (valueStart < length && line[valueStart] == ' ') {
            valueStart++;
        }
        int valueLength = Math.max(0, length - valueStart);
        if (fieldIs(DATA, colon)) {
            addData(new String(line, valueStart, valueLength, StandardCharsets.UTF_8));
        } else if (fieldIs(EVENT, colon)) {
            eventName = new String(line, valueStart, valueLength, StandardCharsets.UTF_8);
        }
    }

    private boolean fieldIs(byte[] name, int fieldLength) {
        if (fieldLength != name.length) {
            return false;
        }
        for (int i = 0; i < fieldLength; i++) {
            if (line[i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private void addData(String value) {
        if (firstData == null) {
            firstData = value;
            return;
        }
        if (moreData == null) {
            moreData = new StringBuilder(firstData.length() + value.length() + 1).append(firstData);
        }
        moreData.append('\n').append(value);
    }

    private void dispatch(Consumer<SseEvent> sink) {
        String name = eventName;
        String data = moreData != null ? moreData.toString() : firstData;
        eventName = null;
        firstData = null;
        moreData = null;
        if (data != null) {
            sink.accept(new SseEvent(name, data));
        }
    }
}
