package dev.switchboard.gateway.dialect;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.vertx.ext.web.RoutingContext;

import dev.switchboard.gateway.EdgeRequest;
import dev.switchboard.gateway.auth.Authenticator;
import dev.switchboard.gateway.errors.ErrorResponder;
import dev.switchboard.gateway.forward.ReportsForwarder;
import dev.switchboard.gateway.policy.PolicyHolder;
import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.policy.Caller;
import dev.switchboard.model.policy.CompiledPolicy;

/** {@code GET /v1/usage}: the authenticated caller's own usage, answered by reports-service. */
@Singleton
public class UsageEndpoint {

    private static final Logger LOG = Logger.getLogger(UsageEndpoint.class);
    static final GatewayError REPORTS_UNREACHABLE = GatewayError
            .of(ErrorType.SERVICE_UNAVAILABLE, "usage reports are unavailable right now; retry shortly")
            .withDetail("reason", "reports-unreachable")
            .withRetryAfter(1);

    private final PolicyHolder policies;
    private final Authenticator authenticator;
    private final ReportsForwarder reports;
    private final ErrorResponder errors;

    UsageEndpoint(PolicyHolder policies, Authenticator authenticator, ReportsForwarder reports,
            ErrorResponder errors) {
        this.policies = policies;
        this.authenticator = authenticator;
        this.reports = reports;
        this.errors = errors;
    }

    public void handle(RoutingContext ctx) {
        CompiledPolicy policy = policies.current();
        if (policy == null) {
            errors.reply(ctx, EdgeErrors.NO_POLICY);
            return;
        }
        Caller caller;
        try {
            caller = authenticator.authenticate(ctx.request(), policy);
        } catch (GatewayError.Failure refused) {
            errors.reply(ctx, refused.error());
            return;
        }
        reports.usage(ctx, caller).onFailure(failure -> {
            LOG.warnf("request %s: reports-service unreachable (%s)", EdgeRequest.of(ctx).requestId(),
                    failure.toString());
            errors.reply(ctx, REPORTS_UNREACHABLE);
        });
    }
}
