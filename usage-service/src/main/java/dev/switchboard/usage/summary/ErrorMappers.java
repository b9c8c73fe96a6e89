package dev.switchboard.usage.summary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.security.RequestIds;
import dev.switchboard.usage.security.ErrorResponses;

/** Catalogued failures keep their type; anything else is a query failure with a safe message. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response catalogued(GatewayError.Failure failure, HttpHeaders headers) {
        return ErrorResponses.of(requestId(headers), failure.error());
    }

    /** JAX-RS's own outcomes (404 for an unknown path, 405…) stay as they are. */
    @ServerExceptionMapper
    public Response protocol(WebApplicationException failure) {
        return failure.getResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException failure, HttpHeaders headers) {
        String requestId = requestId(headers);
        // Class name only: driver messages can quote row values.
        LOG.errorf("usage query failed request_id=%s: %s", requestId, failure.getClass().getName());
        return ErrorResponses.of(requestId,
                GatewayError.of(ErrorType.REPORT_QUERY_FAILED, "The usage query failed; see the service log."));
    }

    private static String requestId(HttpHeaders headers) {
        return RequestIds.acceptOrGenerate(headers.getHeaderString(RequestIds.HEADER));
    }
}
