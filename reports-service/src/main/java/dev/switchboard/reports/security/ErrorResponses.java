package dev.switchboard.reports.security;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.error.ErrorEnvelopes;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.security.RequestIds;

/**
 * Catalogued errors in the OpenAI Chat envelope, which is what the gateway relays for {@code GET /v1/usage}; always with
 * the request ID, in the body and the header.
 */
public final class ErrorResponses {

    public static final String REQUEST_ID = "x-request-id";

    private ErrorResponses() {
    }

    public static String requestId(String header) {
        return RequestIds.acceptOrGenerate(header);
    }

    public static Response of(String requestId, GatewayError error) {
        Response.ResponseBuilder response = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(REQUEST_ID, requestId)
                .header("Cache-Control", "no-store")
                .entity(ErrorEnvelopes.toBytes(Dialect.OPENAI_CHAT, requestId, error));
        if (error.retryAfterSeconds() != null) {
            response.header("Retry-After", error.retryAfterSeconds());
        }
        return response.build();
    }
}
