package dev.switchboard.reports.usage;

import java.time.Clock;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.reports.config.ReportsConfig;
import dev.switchboard.reports.security.ErrorResponses;

/**
 * {@code GET /internal/v1/usage}: what the gateway forwards {@code GET /v1/usage} to. The caller is whoever the gateway
 * authenticated (identity headers); a {@code caller_id} in the query is ignored, so no caller can read another's usage.
 */
@Path("/internal/v1/usage")
public class CallerUsageResource {

    private final UsageReports reports;
    private final ReportsConfig config;
    private final Clock clock = Clock.systemUTC();

    CallerUsageResource(UsageReports reports, ReportsConfig config) {
        this.reports = reports;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> usage(@RestHeader("x-sb-caller-id") String callerId,
            @RestHeader("x-sb-caller-user") String callerUser, @RestHeader("x-sb-caller-project") String callerProject,
            @RestHeader("x-sb-caller-env") String callerEnvironment, @RestHeader("x-sb-token-id") String tokenId,
            @RestHeader("x-request-id") String requestIdHeader, @RestQuery String since, @RestQuery String from,
            @RestQuery String to) {
        String requestId = ErrorResponses.requestId(requestIdHeader);
        if (callerId == null || callerId.isBlank()) {
            return Uni.createFrom()
                    .item(ErrorResponses.of(requestId,
                            GatewayError.of(ErrorType.UNAUTHORIZED, "No authenticated caller for this request.")));
        }
        ReportWindow window;
        try {
            window = ReportWindow.parse(since, from, to, clock.instant(), config.usage().maxWindow());
        } catch (GatewayError.Failure failure) {
            return Uni.createFrom().item(ErrorResponses.of(requestId, failure.error()));
        }
        CallerIdentity caller = new CallerIdentity(callerId, callerUser, callerProject, callerEnvironment, tokenId);
        return reports.forCaller(caller, window, requestId)
                .map(view -> Response.ok(view).header(ErrorResponses.REQUEST_ID, requestId).build())
                .onFailure(GatewayError.Failure.class)
                .recoverWithItem(failure -> ErrorResponses.of(requestId, ((GatewayError.Failure) failure).error()));
    }
}
