package dev.switchboard.gateway;

import io.vertx.ext.web.RoutingContext;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.security.RequestIds;

/**
 * What the gateway knows about a request from its first byte: the request ID it answers with, when it arrived
 * (latency is measured from there, by the gateway and by routing through {@code x-sb-received-at}) and which error
 * envelope its path speaks: Anthropic under {@code /anthropic/} and {@code /v1/messages}, OpenAI everywhere else.
 */
public final class EdgeRequest {

    private static final String KEY = "sb.edge";

    private final String requestId;
    private final long receivedAtMillis;
    private final long receivedAtNanos;
    private final Dialect envelope;

    private EdgeRequest(String requestId, long receivedAtMillis, long receivedAtNanos, Dialect envelope) {
        this.requestId = requestId;
        this.receivedAtMillis = receivedAtMillis;
        this.receivedAtNanos = receivedAtNanos;
        this.envelope = envelope;
    }

    /**
     * Accepts the caller's {@code X-Request-Id} when well-formed and stamps it on the response right away; Anthropic
     * paths also get it as {@code request-id}, the header Anthropic SDKs expose as the request's ID.
     */
    static EdgeRequest start(RoutingContext ctx) {
        Dialect envelope = envelopeOf(ctx.normalizedPath());
        EdgeRequest edge = new EdgeRequest(RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER)),
                System.currentTimeMillis(), System.nanoTime(), envelope);
        ctx.put(KEY, edge);
        ctx.response().putHeader(Headers.REQUEST_ID, edge.requestId);
        if (envelope == Dialect.ANTHROPIC_MESSAGES) {
            ctx.response().putHeader(Headers.ANTHROPIC_REQUEST_ID, edge.requestId);
        }
        return edge;
    }

    /** The dialect whose error envelope a path answers in, before (or without) any endpoint knowing better. */
    static Dialect envelopeOf(String path) {
        if (path != null && (path.startsWith("/anthropic/") || path.equals("/anthropic")
                || path.startsWith("/v1/messages") && (path.length() == 12 || path.charAt(12) == '/'))) {
            return Dialect.ANTHROPIC_MESSAGES;
        }
        return Dialect.OPENAI_CHAT;
    }

    public static EdgeRequest of(RoutingContext ctx) {
        EdgeRequest edge = ctx.get(KEY);
        return edge != null ? edge : start(ctx);
    }

    public String requestId() {
        return requestId;
    }

    /** The envelope errors on this path are rendered in when the endpoint does not choose one itself. */
    public Dialect envelope() {
        return envelope;
    }

    public long receivedAtMillis() {
        return receivedAtMillis;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - receivedAtNanos) / 1_000_000;
    }
}
