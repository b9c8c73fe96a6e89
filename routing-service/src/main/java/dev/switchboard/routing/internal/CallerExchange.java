package dev.switchboard.routing.internal;

import java.util.Map;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.error.ErrorEnvelopes;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.routing.upstream.CallerStream;
import dev.switchboard.routing.upstream.CancelSignal;
import dev.switchboard.routing.usage.RequestTrace;

/**
 * The response to the gateway for one request: commits once, ends once, and notices when the gateway goes away (it
 * resets its connection when the caller disconnects). Confined to the request's event loop.
 *
 * <p>
 * A stream's first bytes are written at once; later events wait for the end of the event-loop turn, so that all the
 * events decoded from one upstream read (a provider that sends several at a time, each in its own HTTP chunk) leave in
 * one write instead of one system call, and one wake-up of the gateway, each.
 */
final class CallerExchange implements CallerStream, CancelSignal {

    private final HttpServerResponse response;
    private final String requestId;
    private final RequestTrace trace;
    private final Context context;
    private Buffer pending;
    private boolean pendingOwned;
    private boolean flushScheduled;
    private boolean committed;
    private boolean ended;
    private boolean canceled;
    private Runnable abort;

    CallerExchange(HttpServerResponse response, String requestId, RequestTrace trace) {
        this.response = response;
        this.requestId = requestId;
        this.trace = trace;
        this.context = Vertx.currentContext();
        response.closeHandler(v -> closed());
        // a write racing the close surfaces here; the close handler already decided what it means
        response.exceptionHandler(e -> closed());
    }

    private void closed() {
        if (ended || canceled) {
            return;
        }
        canceled = true;
        Runnable current = abort;
        abort = null;
        if (current != null) {
            current.run();
        }
    }

    @Override
    public boolean canceled() {
        return canceled;
    }

    @Override
    public void onCancel(Runnable abort) {
        this.abort = abort;
    }

    @Override
    public void write(Buffer event) {
        if (canceled || ended) {
            return;
        }
        if (!committed) {
            committed = true;
            response.setStatusCode(200)
                    .setChunked(true)
                    .putHeader("content-type", "text/event-stream; charset=utf-8")
                    .putHeader("cache-control", "no-cache")
                    .putHeader(InternalHeaders.REQUEST_ID, requestId);
            trace.firstByteSent();
            response.write(event);
            return;
        }
        if (context == null) {
            response.write(event);
            return;
        }
        hold(event);
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
    }

    private void hold(Buffer event) {
        if (pending == null) {
            pending = event;
            pendingOwned = false;
            return;
        }
        if (!pendingOwned) {
            pending = Buffer.buffer(pending.length() + 4 * event.length()).appendBuffer(pending);
            pendingOwned = true;
        }
        pending.appendBuffer(event);
    }

    private void flush() {
        flushScheduled = false;
        Buffer out = pending;
        pending = null;
        if (out != null && !canceled && !ended) {
            response.write(out);
        }
    }

    @Override
    public boolean committed() {
        return committed;
    }

    @Override
    public boolean writeQueueFull() {
        return !canceled && response.writeQueueFull();
    }

    @Override
    public void drainHandler(Runnable onDrain) {
        response.drainHandler(v -> onDrain.run());
    }

    /** Ends a stream: complete after the upstream's terminal event, or cut short without one. */
    void endStream() {
        if (canceled || ended) {
            return;
        }
        flush();
        ended = true;
        response.end();
    }

    void send(int status, String contentType, Buffer body) {
        if (canceled || ended) {
            return;
        }
        ended = true;
        trace.firstByteSent();
        response.setStatusCode(status)
                .putHeader("content-type", contentType)
                .putHeader(InternalHeaders.REQUEST_ID, requestId)
                .end(body);
    }

    void sendError(Dialect dialect, GatewayError error, Map<String, String> headers) {
        if (canceled || ended) {
            return;
        }
        if (error.retryAfterSeconds() != null) {
            response.putHeader("retry-after", Long.toString(error.retryAfterSeconds()));
        }
        headers.forEach(response::putHeader);
        send(error.status(), "application/json", Buffer.buffer(ErrorEnvelopes.toBytes(dialect, requestId, error)));
    }
}
