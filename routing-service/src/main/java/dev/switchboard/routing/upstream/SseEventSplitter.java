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
    private Buffer pending = Buffer.buffer();
    private int scanFrom;

    SseEventSplitter(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    void feed(Buffer chunk, EventHandler handler) throws InvalidUpstreamResponse {
        pending.appendBuffer(chunk);
        int length = pending.length();
        int start = 0;
        int i = Math.max(scanFrom, 0);
        while (i < length) {
            if (pending.getByte(i) != '\n') {
                i++;
                continue;
            }
            int end = -1;
            if (i + 1 < length && pending.getByte(i + 1) == '\n') {
                end = i + 2;
            } else if (i + 2 < length && pending.getByte(i + 1) == '\r' && pending.getByte(i + 2) == '\n') {
                end = i + 3;
            }
            if (end < 0) {
                i++;
                continue;
            }
            handler.onEvent(pending.getBuffer(start, end));
            start = end;
            i = end;
        }
        if (start > 0) {
            pending = pending.getBuffer(start, length);
        }
        if (pending.length() > maxEventBytes) {
            throw new InvalidUpstreamResponse("upstream stream event exceeds " + maxEventBytes + " bytes");
        }
        // a terminator may straddle two chunks: rescan the last two bytes next time
        scanFrom = Math.max(0, pending.length() - 2);
    }

    /** Bytes of an unfinished event: a stream that ends here was cut. */
    boolean hasPartialEvent() {
        for (int i = 0; i < pending.length(); i++) {
            byte b = pending.getByte(i);
            if (b != '\n' && b != '\r' && b != ' ') {
                return true;
            }
        }
        return false;
    }
}
