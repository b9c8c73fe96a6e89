package dev.switchboard.gateway.forward;

import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

import dev.switchboard.gateway.Headers;

/**
 * Relays an internal service's answer to the caller as it arrives: status, the contract's headers, and the body chunk
 * by chunk through a pipe, so a slow caller slows the producer instead of filling the gateway's memory.
 */
final class Relay {

    /** Cache-Control: usage reports must reach the caller marked no-store. */
    private static final CharSequence[] RELAYED = {HttpHeaders.CONTENT_TYPE, HttpHeaders.CACHE_CONTROL,
            Headers.RETRY_AFTER, Headers.ROUTER_ERROR_CLASS, Headers.UPSTREAM_STATUS};

    private Relay() {
    }

    /** @param beforeEnd runs once just before the caller's response ends, however it ends */
    static void relay(HttpClientResponse answer, HttpServerResponse out, Runnable beforeEnd) {
        out.setStatusCode(answer.statusCode());
        for (CharSequence name : RELAYED) {
            String value = answer.getHeader(name);
            if (value != null) {
                out.putHeader(name, value);
            }
        }
        String length = answer.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else {
            out.setChunked(true);
        }
        answer.pipe().endOnComplete(false).endOnFailure(false).to(out).onComplete(piped -> {
            beforeEnd.run();
            if (out.ended() || out.closed()) {
                return;
            }
            if (piped.succeeded() || out.isChunked()) {
                // an interrupted stream ends without its terminal event; the caller's status is already committed
                out.end();
            } else {
                out.reset();
            }
        });
    }
}
