package dev.switchboard.gateway.forward;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.gateway.EdgeRequest;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.Headers;
import dev.switchboard.model.policy.Caller;

/**
 * Forwards {@code GET /v1/usage} to reports-service for the authenticated caller. Whose usage is shown comes from the
 * token only: a {@code caller_id} in the caller's query is dropped before forwarding.
 */
@Singleton
public class ReportsForwarder {

    static final String USAGE_PATH = "/internal/v1/usage";

    private final InternalHttpClient clients;
    private final Endpoint reports;
    private final String internalToken;
    private final long idleTimeoutMs;

    ReportsForwarder(InternalHttpClient client, GatewayConfig config) {
        this.clients = client;
        this.reports = Endpoint.of(config.reports().url());
        this.internalToken = config.internal().token();
        this.idleTimeoutMs = config.reports().idleTimeout().toMillis();
    }

    /** @return fails when reports-service could not be reached; nothing has been written to the caller then */
    public Future<Void> usage(RoutingContext ctx, Caller caller) {
        MultiMap headers = HttpHeaders.headers();
        headers.add(Headers.INTERNAL_TOKEN, internalToken);
        headers.add(Headers.REQUEST_ID, EdgeRequest.of(ctx).requestId());
        IdentityHeaders.add(headers, caller);
        String query = withoutCallerId(ctx.request().query());
        String uri = query.isEmpty() ? USAGE_PATH : USAGE_PATH + "?" + query;
        return clients.client().request(reports.request(HttpMethod.GET, uri, headers, idleTimeoutMs))
                .compose(request -> request.send())
                .map(answer -> {
                    Relay.relay(answer, ctx.response(), () -> {
                    });
                    return null;
                });
    }

    /** Keeps the caller's query as sent, minus every {@code caller_id} parameter (however it is encoded). */
    static String withoutCallerId(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder(query.length());
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            String pair = query.substring(start, end);
            if (!pair.isEmpty() && !isCallerId(pair)) {
                if (kept.length() > 0) {
                    kept.append('&');
                }
                kept.append(pair);
            }
            start = end + 1;
        }
        return kept.toString();
    }

    private static boolean isCallerId(String pair) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        try {
            name = URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return true; // undecodable names are dropped rather than guessed at
        }
        return name.trim().equalsIgnoreCase("caller_id");
    }
}
