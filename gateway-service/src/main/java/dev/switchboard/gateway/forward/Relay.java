package dev.switchboard.gateway.forward;

import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

import dev.switchboard.gateway.Headers;

/**
 * Relays an internal service's answer to the caller as it arrives: status, the contract's headers, and the body: small
 * answers in one write, streams through {@link StreamRelay}.
 */
final class Relay {

    /** Cache-Control: usage reports must reach the caller marked no-store. */
    private static final CharSequence[] RELAYED = {HttpHeaders.CONTENT_TYPE, HttpHeaders.CACHE_CONTROL,
            Headers.RETRY_AFTER, Headers.ROUTER_ERROR_CLASS, Headers.UPSTREAM_STATUS};

    /** Answers up to this size are read whole and written once; larger ones and streams are piped. */
    static final int SMALL_BODY_BYTES = 64 * 1024;

    private Relay() {
    }

    private static boolean isSmall(String contentLength) {
        try {
            return Long.parseLong(contentLength) <= SMALL_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
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
        if (length != null && isSmall(length)) {
            // a whole small answer: one write to the caller instead of a chunk write, then an end
            answer.body().onComplete(read -> {
                beforeEnd.run();
                if (out.ended() || out.closed()) {
                    return;
                }
                if (read.succeeded()) {
                    out.end(read.result());
                } else {
                    out.reset();
                }
            });
            return;
        }
        if (length != null) {
            out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else {
            out.setChunked(true);
        }
        new StreamRelay(answer, out, beforeEnd).start();
    }
}
