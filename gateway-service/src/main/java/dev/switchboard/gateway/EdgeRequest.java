package dev.switchboard.gateway;

import io.vertx.ext.web.RoutingContext;

import dev.switchboard.model.security.RequestIds;

/**
 * What the gateway knows about a request from its first byte: the request ID it answers with and when it arrived
 * (latency is measured from there, by the gateway and by routing through {@code x-sb-received-at}).
 */
public final class EdgeRequest {

    private static final String KEY = "sb.edge";

    private final String requestId;
    private final long receivedAtMillis;
    private final long receivedAtNanos;

    private EdgeRequest(String requestId, long receivedAtMillis, long receivedAtNanos) {
        this.requestId = requestId;
        this.receivedAtMillis = receivedAtMillis;
        this.receivedAtNanos = receivedAtNanos;
    }

    /** Accepts the caller's {@code X-Request-Id} when well-formed and stamps it on the response right away. */
    static EdgeRequest start(RoutingContext ctx) {
        EdgeRequest edge = new EdgeRequest(RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER)),
                System.currentTimeMillis(), System.nanoTime());
        ctx.put(KEY, edge);
        ctx.response().putHeader(Headers.REQUEST_ID, edge.requestId);
        return edge;
    }

    public static EdgeRequest of(RoutingContext ctx) {
        EdgeRequest edge = ctx.get(KEY);
        return edge != null ? edge : start(ctx);
    }

    public String requestId() {
        return requestId;
    }

    public long receivedAtMillis() {
        return receivedAtMillis;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - receivedAtNanos) / 1_000_000;
    }
}
