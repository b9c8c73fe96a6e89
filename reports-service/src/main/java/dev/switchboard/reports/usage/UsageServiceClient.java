package dev.switchboard.reports.usage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/** usage-service's internal query API (docs/internals.md); base URL from {@code switchboard.usage.url}. */
@RegisterRestClient(configKey = "usage-service")
@Path("/internal/v1/usage")
public interface UsageServiceClient {

    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ObjectNode> summary(@HeaderParam("x-sb-internal-token") String internalToken,
            @HeaderParam("x-request-id") String requestId, @RestQuery("caller_id") String callerId,
            @RestQuery("from") String from, @RestQuery("to") String to);
}
