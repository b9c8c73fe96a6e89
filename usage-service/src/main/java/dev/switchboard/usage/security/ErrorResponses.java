package dev.switchboard.usage.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.error.ErrorEnvelopes;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.security.RequestIds;

/** Catalogued errors in the OpenAI envelope (internal callers are our own services), always with a request ID. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static String requestId(ContainerRequestContext request) {
        return RequestIds.acceptOrGenerate(request.getHeaderString(RequestIds.HEADER));
    }

    public static Response of(ContainerRequestContext request, GatewayError error) {
        return of(requestId(request), error);
    }

    public static Response of(String requestId, GatewayError error) {
        return Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(RequestIds.HEADER, requestId)
                .entity(ErrorEnvelopes.toBytes(Dialect.OPENAI_CHAT, requestId, error))
                .build();
    }
}
