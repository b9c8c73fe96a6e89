package dev.switchboard.gateway.forward;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Relays a streamed (or large) answer to the caller as it arrives, with back-pressure: a slow caller pauses the
 * internal response instead of filling the gateway's memory. The first bytes are written at once; what arrives after
 * them waits for the end of the event-loop turn, so that the chunks decoded from one read of the internal connection
 * (routing sends each event as its own HTTP chunk) leave in one write to the caller rather than one system call each.
 * Confined to the request's event loop.
 */
final class StreamRelay {

    private final HttpClientResponse in;
    private final HttpServerResponse out;
    private final Runnable beforeEnd;
    private final Context context;
    private Buffer pending;
    private boolean pendingOwned;
    private boolean flushScheduled;
    private boolean started;
    private boolean finished;

    StreamRelay(HttpClientResponse in, HttpServerResponse out, Runnable beforeEnd) {
        this.in = in;
        this.out = out;
        this.beforeEnd = beforeEnd;
        this.context = Vertx.currentContext();
    }

    void start() {
        in.handler(this::onChunk);
        in.exceptionHandler(failure -> finish(false));
        in.endHandler(v -> finish(true));
        out.exceptionHandler(failure -> finish(false));
    }

    private void onChunk(Buffer chunk) {
        if (finished) {
            return;
        }
        if (!started || context == null) {
            started = true;
            write(chunk);
            return;
        }
        hold(chunk);
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
    }

    private void hold(Buffer chunk) {
        if (pending == null) {
            pending = chunk;
            pendingOwned = false;
            return;
        }
        if (!pendingOwned) {
            pending = Buffer.buffer(pending.length() + 4 * chunk.length()).appendBuffer(pending);
            pendingOwned = true;
        }
        pending.appendBuffer(chunk);
    }

    private void flush() {
        flushScheduled = false;
        Buffer held = pending;
        pending = null;
        if (held != null && !finished) {
            write(held);
        }
    }

    private void write(Buffer chunk) {
        if (out.ended() || out.closed()) {
            return;
        }
        out.write(chunk);
        if (out.writeQueueFull()) {
            in.pause();
            out.drainHandler(v -> in.resume());
        }
    }

    /** @param complete the internal response ended normally (not cut by a failure on either side) */
    private void finish(boolean complete) {
        if (finished) {
            return;
        }
        if (complete) {
            flush();
        }
        finished = true;
        pending = null;
        beforeEnd.run();
        if (out.ended() || out.closed()) {
            return;
        }
        if (complete || out.isChunked()) {
            // an interrupted stream ends without its terminal event; the caller's status is already committed
            out.end();
        } else {
            out.reset();
        }
    }
}
