package dev.switchboard.simulator.http;

import java.util.List;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.simulator.scenario.Failure;
import dev.switchboard.simulator.stats.SimStats;

/**
 * One request being answered: timers, writes and how the connection ends. Everything runs on the request's event
 * loop (Vert.x timers fire on the context that set them), so the state needs no synchronisation.
 */
final class Exchange {

    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final RoutingContext rc;
    private final HttpServerResponse response;
    private boolean clientGone;
    private boolean droppedOnPurpose;
    private long timerId = -1;

    Exchange(RoutingContext rc, SimStats stats) {
        this.rc = rc;
        this.response = rc.response();
        String requestId = rc.request().getHeader(SimHeaders.REQUEST_ID);
        if (requestId != null) {
            response.putHeader(SimHeaders.REQUEST_ID, requestId);
        }
        // RoutingContext owns the response's close handler; its end handlers report a close before the end as failed
        rc.addEndHandler(result -> {
            if (result.failed() && !droppedOnPurpose) {
                clientGone = true;
                stats.recordCancelled();
            }
            cancelTimer();
        });
    }

    void scenario(String name) {
        response.putHeader(SimHeaders.SCENARIO, name);
    }

    /** Runs the action after the delay unless the client left in the meantime. */
    void after(long delayMs, Runnable action) {
        if (clientGone) {
            return;
        }
        if (delayMs <= 0) {
            action.run();
            return;
        }
        timerId = rc.vertx().setTimer(delayMs, id -> {
            timerId = -1;
            if (!clientGone && !response.closed()) {
                action.run();
            }
        });
    }

    void sendJson(int status, Buffer body) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
    }

    void sendError(Failure failure, Buffer body) {
        if (failure.retryAfterSeconds() != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfterSeconds()));
        }
        sendJson(failure.status(), body);
    }

    void redirect(String location) {
        response.setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
    }

    void startStream() {
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, EVENT_STREAM)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    void startChunkedJson() {
        response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
    }

    /**
     * Writes the first {@code count} events, one write each, with {@code delayMs} between two of them; then hands
     * the last write's future to {@code then} (it completes once the bytes are flushed).
     */
    void writeEvents(List<Buffer> events, int count, long delayMs, Consumer<Future<Void>> then) {
        if (delayMs <= 0) {
            Future<Void> written = Future.succeededFuture();
            for (int i = 0; i < count; i++) {
                written = response.write(events.get(i));
            }
            then.accept(written);
            return;
        }
        writeFrom(events, 0, count, delayMs, then);
    }

    private void writeFrom(List<Buffer> events, int index, int count, long delayMs, Consumer<Future<Void>> then) {
        if (index >= count) {
            then.accept(Future.succeededFuture());
            return;
        }
        Future<Void> written = response.write(events.get(index));
        if (index + 1 == count) {
            then.accept(written);
            return;
        }
        after(delayMs, () -> writeFrom(events, index + 1, count, delayMs, then));
    }

    Future<Void> write(Buffer chunk) {
        return response.write(chunk);
    }

    void end() {
        response.end();
    }

    /** Leaves the client waiting; the connection is dropped after {@code maxMs} so that it cannot leak forever. */
    void stall(long maxMs) {
        after(maxMs, this::drop);
    }

    /** Ends the exchange abruptly: no terminal chunk, no further bytes. */
    void drop() {
        droppedOnPurpose = true;
        if (rc.request().version() == HttpVersion.HTTP_2) {
            response.reset();
        } else {
            rc.request().connection().close();
        }
    }

    private void cancelTimer() {
        if (timerId != -1) {
            rc.vertx().cancelTimer(timerId);
            timerId = -1;
        }
    }
}
