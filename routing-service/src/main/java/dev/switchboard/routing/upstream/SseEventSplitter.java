package dev.switchboard.routing.upstream;

import io.vertx.core.buffer.Buffer;

/**
 * Splits an upstream SSE byte stream into complete events (terminated by a blank line, LF or CRLF), whatever the TCP
 * chunking. Bounded: an event larger than the limit is a broken upstream, not a reason to buffer without end.
 */
final class SseEventSplitter {

    interface EventHandler {
        void onEvent(Buffer event) throws InvalidUpstreamResponse;
    }

    private final int maxEventBytes;
    /** The start of an event the last chunk did not finish, in a buffer of its own; {@code null} when none. */
    private Buffer pending;
    private int scanFrom;

    SseEventSplitter(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Hands every event that {@code chunk} completes to {@code handler}, as a slice that shares the chunk's bytes (or
     * the pending bytes' when an event began in an earlier chunk): no copy per event. A handler that keeps an event
     * after it returns keeps those bytes too; nothing here writes to them again.
     */
    void feed(Buffer chunk, EventHandler handler) throws InvalidUpstreamResponse {
        Buffer data = chunk;
        int i = 0;
        if (pending != null) {
            data = pending.appendBuffer(chunk);
            i = scanFrom;
        }
        int length = data.length();
        int start = 0;
        while (i < length) {
            if (data.getByte(i) != '\n') {
                i++;
                continue;
            }
            int end = -1;
            if (i + 1 < length && data.getByte(i + 1) == '\n') {
                end = i + 2;
            } else if (i + 2 < length && data.getByte(i + 1) == '\r' && data.getByte(i + 2) == '\n') {
                end = i + 3;
            }
            if (end < 0) {
                i++;
                continue;
            }
            handler.onEvent(data.slice(start, end));
            start = end;
            i = end;
        }
        keepRest(data, start, length);
    }

    /** Copies what follows the last whole event aside, unless it is already there and nothing was handed out. */
    private void keepRest(Buffer data, int start, int length) throws InvalidUpstreamResponse {
        int rest = length - start;
        if (rest > maxEventBytes) {
            throw new InvalidUpstreamResponse("upstream stream event exceeds " + maxEventBytes + " bytes");
        }
        if (rest == 0) {
            pending = null;
        } else if (data != pending || start > 0) {
            // the slices handed out share data's bytes: the rest goes to a buffer of its own, which later chunks grow
            pending = Buffer.buffer(Math.max(rest * 2, 256)).appendBuffer(data, start, rest);
        }
        // a terminator may straddle two chunks: rescan the last two bytes next time
        scanFrom = Math.max(0, rest - 2);
    }

    /** Bytes of an unfinished event: a stream that ends here was cut. */
    boolean hasPartialEvent() {
        if (pending == null) {
            return false;
        }
        for (int i = 0; i < pending.length(); i++) {
            byte b = pending.getByte(i);
            if (b != '\n' && b != '\r' && b != ' ') {
                return true;
            }
        }
        return false;
    }
}
