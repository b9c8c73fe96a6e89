package dev.switchboard.reports.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.reports.config.ReportsConfig;

/**
 * Every {@code /internal/} endpoint needs the shared internal token, and no report answer may be cached anywhere on
 * its way back to the caller.
 */
public class InternalTokenFilter {

    public static final String HEADER = "x-sb-internal-token";

    private final byte[] expected;

    @Inject
    InternalTokenFilter(ReportsConfig config) {
        this.expected = config.internal().token().getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Response requireInternalToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/internal/")) {
            return null;
        }
        String presented = request.getHeaderString(HEADER);
        // Constant-time comparison: the token must not be guessable from response timing.
        if (presented != null && expected.length > 0
                && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return ErrorResponses.of(ErrorResponses.requestId(request.getHeaderString(ErrorResponses.REQUEST_ID)),
                GatewayError.of(ErrorType.UNAUTHORIZED, "Missing or invalid internal token."));
    }

    @ServerResponseFilter
    public void noStore(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo().getPath().startsWith("/internal/")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
