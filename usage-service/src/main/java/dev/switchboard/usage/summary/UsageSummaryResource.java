package dev.switchboard.usage.summary;

import java.time.Clock;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

import dev.switchboard.usage.config.UsageServiceConfig;

/** Internal query API for reports-service (docs/internals.md); guarded by the internal token filter. */
@Path("/internal/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageSummaryResource {

    static final int MAX_CALLER_ID_LENGTH = 128;

    private final UsageSummaries summaries;
    private final UsageServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    UsageSummaryResource(UsageSummaries summaries, UsageServiceConfig config) {
        this.summaries = summaries;
        this.config = config;
    }

    @GET
    @Path("/summary")
    public Uni<UsageSummary> summary(@RestQuery("caller_id") String callerId, @RestQuery String from,
            @RestQuery String to) {
        if (callerId == null || callerId.isBlank() || callerId.length() > MAX_CALLER_ID_LENGTH) {
            throw SummaryWindow.invalid("'caller_id' is required (1-" + MAX_CALLER_ID_LENGTH + " characters)",
                    "caller_id");
        }
        SummaryWindow window = SummaryWindow.parse(from, to, clock.instant(), config.ingest().maxSummaryWindow());
        return summaries.summarize(callerId, window);
    }
}
