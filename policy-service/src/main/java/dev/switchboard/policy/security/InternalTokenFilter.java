package dev.switchboard.policy.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.switchboard.model.error.ErrorEnvelopes;
import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.security.RequestIds;
import dev.switchboard.policy.config.PolicyServiceConfig;

/**
 * Until policy owners get their own identities (Basic/OIDC + Casbin {@code policy:write}), the policy API is an
 * internal surface: every {@code /v1/policy-sets} call must carry the internal token.
 */
public class InternalTokenFilter {

    public static final String HEADER = "x-sb-internal-token";

    private final byte[] expected;

    public InternalTokenFilter(PolicyServiceConfig config) {
        this.expected = config.internal().token().getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1/policy-sets")) {
            return null;
        }
        String presented = request.getHeaderString(HEADER);
        if (presented != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        String requestId = RequestIds.acceptOrGenerate(request.getHeaderString(RequestIds.HEADER));
        GatewayError error = GatewayError.of(ErrorType.UNAUTHORIZED, "missing or invalid internal credentials");
        return Response.status(error.status())
                .type(MediaType.APPLICATION_JSON)
                .header(RequestIds.HEADER, requestId)
                .entity(ErrorEnvelopes.toBytes(null, requestId, error))
                .build();
    }
}
