package dev.switchboard.usage.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.usage.config.UsageServiceConfig;

/** Every {@code /internal/} endpoint needs the shared internal token; nothing is served without it. */
public class InternalTokenFilter {

    public static final String HEADER = "x-sb-internal-token";

    private final byte[] expected;

    @Inject
    InternalTokenFilter(UsageServiceConfig config) {
        this.expected = config.internal().token().getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Response requireInternalToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/internal/")) {
            return null;
        }
        String presented = request.getHeaderString(HEADER);
        // Constant-time comparison: the token must not be guessable from response timing.
        if (presented != null && expected.length > 0
                && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return ErrorResponses.of(request,
                GatewayError.of(ErrorType.UNAUTHORIZED, "Missing or invalid internal token."));
    }
}
