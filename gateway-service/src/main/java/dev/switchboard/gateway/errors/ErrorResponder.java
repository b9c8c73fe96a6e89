package dev.switchboard.gateway.errors;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.gateway.EdgeRequest;
import dev.switchboard.gateway.Headers;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.error.ErrorEnvelopes;
import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;

/**
 * The one place where the gateway renders its own errors: catalogued type and status, the envelope of the endpoint's
 * dialect, the request ID in header and body, {@code Retry-After} when known. Never a stack trace or a class name.
 */
@Singleton
public class ErrorResponder {

    private static final Logger LOG = Logger.getLogger(ErrorResponder.class);
    private static final GatewayError INTERNAL = GatewayError.of(ErrorType.INTERNAL_ERROR,
            "the gateway failed to process the request; quote the request ID when reporting it");
    private static final GatewayError NOT_FOUND = GatewayError.of(ErrorType.NOT_FOUND, "no such endpoint");

    /** Renders in the envelope of the request's path: Anthropic's under the Anthropic paths, OpenAI's elsewhere. */
    public void reply(RoutingContext ctx, GatewayError error) {
        reply(ctx, error, EdgeRequest.of(ctx).envelope());
    }

    public void reply(RoutingContext ctx, GatewayError error, Dialect dialect) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // a relay already committed its status; a JSON error can no longer be delivered
            abort(response);
            return;
        }
        String requestId = EdgeRequest.of(ctx).requestId();
        response.setStatusCode(error.status());
        response.putHeader(HttpHeaders.CONTENT_TYPE, Headers.APPLICATION_JSON);
        if (error.retryAfterSeconds() != null) {
            response.putHeader(Headers.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
        }
        if (error.type() == ErrorType.UNAUTHORIZED) {
            response.putHeader(Headers.WWW_AUTHENTICATE, "Bearer");
        }
        if (error.type() == ErrorType.REQUEST_TOO_LARGE) {
            // the rest of an oversized body is not worth reading
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        response.end(Buffer.buffer(ErrorEnvelopes.toBytes(dialect, requestId, error)));
    }

    public void notFound(RoutingContext ctx) {
        reply(ctx, NOT_FOUND);
    }

    public void methodNotAllowed(RoutingContext ctx, String allowed) {
        ctx.response().putHeader(HttpHeaders.ALLOW, allowed);
        reply(ctx, GatewayError.of(ErrorType.METHOD_NOT_ALLOWED, "method not allowed on this endpoint; use " + allowed)
                .withDetail("allow", allowed));
    }

    /** For failures nobody anticipated: logged with the request ID, answered with a generic 500. */
    public GatewayError internal(RoutingContext ctx, Throwable failure) {
        LOG.errorf(failure, "request %s failed unexpectedly", EdgeRequest.of(ctx).requestId());
        reply(ctx, INTERNAL);
        return INTERNAL;
    }

    /** Failure handler of the gateway's routes. */
    public void onFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof GatewayError.Failure known) {
            reply(ctx, known.error());
        } else if (failure == null && ctx.statusCode() == 404) {
            notFound(ctx);
        } else if (failure == null) {
            LOG.errorf("request %s failed with status %d", EdgeRequest.of(ctx).requestId(), ctx.statusCode());
            reply(ctx, INTERNAL);
        } else {
            internal(ctx, failure);
        }
    }

    private static void abort(HttpServerResponse response) {
        if (response.isChunked()) {
            response.end();
        } else {
            response.reset();
        }
    }
}
