package dev.switchboard.reports.usage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.reports.config.ReportsConfig;

/** The caller-facing usage view, built from usage-service's summary of that caller only. */
@ApplicationScoped
public class UsageReports {

    private static final Logger LOG = Logger.getLogger(UsageReports.class);
    private static final String[] SECTIONS = {"totals", "by_day", "by_group", "by_provider_model", "by_status"};

    private final UsageServiceClient usageService;
    private final String internalToken;

    UsageReports(@RestClient UsageServiceClient usageService, ReportsConfig config) {
        this.usageService = usageService;
        this.internalToken = config.internal().token();
    }

    public Uni<ObjectNode> forCaller(CallerIdentity caller, ReportWindow window, String requestId) {
        return usageService
                .summary(internalToken, requestId, caller.id(), window.from().toString(), window.to().toString())
                .map(summary -> view(caller, window, summary))
                .onFailure()
                .transform(failure -> catalogued(failure, requestId));
    }

    private static ObjectNode view(CallerIdentity caller, ReportWindow window, ObjectNode summary) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode view = json.objectNode();
        view.put("object", "usage");
        ObjectNode who = view.putObject("caller");
        who.put("id", caller.id());
        who.put("user", caller.user());
        who.put("project", caller.project());
        who.put("environment", caller.environment());
        who.put("token_id", caller.tokenId());
        ObjectNode range = view.putObject("window");
        range.put("from", window.from().toString());
        range.put("to", window.to().toString());
        for (String section : SECTIONS) {
            JsonNode value = summary.get(section);
            view.set(section, value != null ? value : section.equals("totals") ? json.objectNode() : json.arrayNode());
        }
        return view;
    }

    /**
     * usage-service unreachable or unavailable means reports are off for now (503 {@code reports-disabled}); a failed
     * query stays a query failure; a refused internal token is our misconfiguration, not the caller's.
     */
    private static Throwable catalogued(Throwable failure, String requestId) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status == 400) {
                return GatewayError.of(ErrorType.INVALID_REPORT_FILTER, "The report filter was refused.")
                        .asException();
            }
            if (status == 500) {
                LOG.errorf("usage-service query failed request_id=%s", requestId);
                return GatewayError
                        .of(ErrorType.REPORT_QUERY_FAILED, "The usage query failed; try again or contact the operator.")
                        .asException();
            }
            LOG.errorf("usage-service answered %d request_id=%s%s", status, requestId,
                    status == 401 ? " (internal token mismatch)" : "");
        } else {
            LOG.errorf("usage-service unreachable request_id=%s: %s", requestId, failure.getClass().getName());
        }
        return GatewayError.of(ErrorType.REPORTS_DISABLED, "Usage reports are temporarily unavailable.")
                .withRetryAfter(30)
                .asException();
    }
}
