package dev.switchboard.usage.detail;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.usage.store.AttemptRepository;
import dev.switchboard.usage.store.ErrorRepository;
import dev.switchboard.usage.store.RequestRepository;
import dev.switchboard.usage.store.ShapeEventRepository;

/**
 * {@code GET /internal/v1/usage/requests/{request_id}?caller_id=…}: one request with its attempts, shaping decisions
 * and error. With {@code caller_id}, a request of any other caller is reported as not found (no existence oracle).
 */
@Path("/internal/v1/usage/requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestDetailResource {

    private final RequestRepository requests;
    private final AttemptRepository attempts;
    private final ShapeEventRepository shapeEvents;
    private final ErrorRepository errors;

    RequestDetailResource(RequestRepository requests, AttemptRepository attempts, ShapeEventRepository shapeEvents,
            ErrorRepository errors) {
        this.requests = requests;
        this.attempts = attempts;
        this.shapeEvents = shapeEvents;
        this.errors = errors;
    }

    @GET
    @Path("/{request_id}")
    @WithSession
    public Uni<RequestDetail> detail(@RestPath("request_id") String requestId,
            @RestQuery("caller_id") String callerId) {
        return (callerId == null ? requests.findById(requestId) : requests.findForCaller(requestId, callerId))
                .onItem()
                .ifNull()
                .failWith(() -> GatewayError.of(ErrorType.NOT_FOUND, "No such request.").asException())
                .chain(request -> attempts.forRequest(requestId)
                        .chain(a -> shapeEvents.forRequest(requestId)
                                .chain(s -> errors.findById(requestId)
                                        .map(e -> new RequestDetail(request, a, s, e)))));
    }
}
