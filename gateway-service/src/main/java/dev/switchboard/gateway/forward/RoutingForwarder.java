package dev.switchboard.gateway.forward;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.Headers;

/**
 * Sends admitted requests to routing ({@code POST /internal/v1/route}, headers per {@code docs/internals.md}) and
 * relays the answer. Never sends the router token or its hash: identity travels as the caller's policy fields.
 */
@Singleton
public class RoutingForwarder {

    private static final Logger LOG = Logger.getLogger(RoutingForwarder.class);
    static final String ROUTE_PATH = "/internal/v1/route";
    static final int MAX_CLIENT_LENGTH = 128;

    private final InternalHttpClient clients;
    private final Endpoint routing;
    private final String internalToken;
    private final long idleTimeoutMs;

    RoutingForwarder(InternalHttpClient client, GatewayConfig config) {
        this.clients = client;
        this.routing = Endpoint.of(config.routing().url());
        this.internalToken = config.internal().token();
        this.idleTimeoutMs = config.routing().idleTimeout().toMillis();
    }

    /**
     * Forwards {@code call} and relays routing's answer to the caller. If the caller goes away first, the routing
     * request is reset so that routing cancels the upstream call.
     *
     * @param beforeEnd runs just before the caller's response ends (releases the concurrency slot)
     * @return completes when routing's answer started to be relayed; fails when routing could not be reached or
     *         failed before answering, in which case nothing has been written to the caller
     */
    public Future<Void> forward(RoutingContext ctx, RouteCall call, Runnable beforeEnd) {
        return clients.client().request(routing.request(HttpMethod.POST, ROUTE_PATH, headers(call), idleTimeoutMs))
                .compose(request -> send(ctx, request, call, beforeEnd));
    }

    private Future<Void> send(RoutingContext ctx, HttpClientRequest request, RouteCall call, Runnable beforeEnd) {
        if (ctx.response().closed()) {
            request.reset();
            return Future.succeededFuture();
        }
        // failures reach the caller through send()'s future; a reset we made ourselves is not worth an ERROR line
        request.exceptionHandler(failure -> LOG.debugf("request %s: routing exchange ended: %s",
                call.edge().requestId(), failure.toString()));
        ctx.addEndHandler(ended -> {
            if (ended.failed()) {
                // the caller disconnected: closing this exchange tells routing to cancel the upstream call
                request.reset();
            }
        });
        return request.send(call.body()).map(answer -> {
            Relay.relay(answer, ctx.response(), beforeEnd);
            return null;
        });
    }

    private MultiMap headers(RouteCall call) {
        MultiMap h = HttpHeaders.headers();
        h.add(HttpHeaders.CONTENT_TYPE, Headers.APPLICATION_JSON);
        h.add(Headers.INTERNAL_TOKEN, internalToken);
        h.add(Headers.REQUEST_ID, call.edge().requestId());
        h.add(Headers.DIALECT, call.dialect().wireName());
        h.add(Headers.GROUP, call.group());
        h.add(Headers.REQUESTED_MODEL, call.requestedModel() == null ? "" : call.requestedModel());
        h.add(Headers.STREAM, call.stream() ? "true" : "false");
        IdentityHeaders.add(h, call.caller());
        h.add(Headers.CLIENT, client(call.userAgent()));
        h.add(Headers.RECEIVED_AT, Long.toString(call.edge().receivedAtMillis()));
        h.add(Headers.ESTIMATED_INPUT_TOKENS, Integer.toString(call.estimatedInputTokens()));
        h.add(Headers.POLICY_VERSION, call.policyVersion());
        if (call.passThrough() != null) {
            h.addAll(call.passThrough());
        }
        return h;
    }

    /** The caller's User-Agent, cut to 128 characters and reduced to printable ASCII so it is always a valid header. */
    static String client(String userAgent) {
        if (userAgent == null) {
            return "";
        }
        int length = Math.min(userAgent.length(), MAX_CLIENT_LENGTH);
        for (int i = 0; i < length; i++) {
            char c = userAgent.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return printable(userAgent, length);
            }
        }
        return length == userAgent.length() ? userAgent : userAgent.substring(0, length);
    }

    private static String printable(String value, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            out[i] = c < 0x20 || c > 0x7e ? '?' : c;
        }
        return new String(out);
    }
}
