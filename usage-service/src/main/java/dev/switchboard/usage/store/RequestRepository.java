package dev.switchboard.usage.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.switchboard.model.usage.UsageEvent;

@ApplicationScoped
public class RequestRepository implements PanacheRepositoryBase<RequestRow, String> {

    private static final MultiRowInsert INSERT = new MultiRowInsert("requests",
            List.of(col("request_id", "text"),
                    col("ts", "timestamptz"),
                    col("schema_version", "int4"),
                    col("source", "text"),
                    col("caller_id", "text"),
                    col("caller_user", "text"),
                    col("caller_project", "text"),
                    col("caller_environment", "text"),
                    col("token_id", "text"),
                    col("client", "text"),
                    col("inbound_dialect", "text"),
                    col("requested_model", "text"),
                    col("resolved_group", "text"),
                    col("strategy", "text"),
                    col("target_provider", "text"),
                    col("target_model_ref", "text"),
                    col("target_model", "text"),
                    col("target_dialect", "text"),
                    col("stream", "bool"),
                    col("status", "int4"),
                    col("error_type", "text"),
                    col("error_class", "text"),
                    col("attempt_count", "int4"),
                    col("fallback_used", "bool"),
                    col("latency_ms", "int8"),
                    col("ttfb_ms", "int8"),
                    col("upstream_duration_ms", "int8"),
                    col("input_tokens", "int8"),
                    col("output_tokens", "int8"),
                    col("total_tokens", "int8"),
                    col("reasoning_tokens", "int8"),
                    col("token_source", "text"),
                    col("input_price_per_million_usd", "numeric"),
                    col("output_price_per_million_usd", "numeric"),
                    col("input_cost_usd", "numeric"),
                    col("output_cost_usd", "numeric"),
                    col("total_cost_usd", "numeric"),
                    col("upstream_reported_cost_usd", "numeric"),
                    col("pricing_source", "text"),
                    col("policy_version", "text"),
                    col("router_version", "text"),
                    col("output_cap_action", "text")),
            "request_id");

    /** @return how many events were new (the others were already stored) */
    public Uni<Integer> insertIgnoringDuplicates(List<UsageEvent> events) {
        List<Object[]> rows = events.stream().map(RequestRepository::row).toList();
        return getSession().chain(session -> INSERT.execute(session, rows));
    }

    /** A request row, only when it belongs to the given caller. */
    public Uni<RequestRow> findForCaller(String requestId, String callerId) {
        return find("requestId = ?1 and callerId = ?2", requestId, callerId).firstResult();
    }

    private static Object[] row(UsageEvent e) {
        return new Object[]{e.requestId(), utc(e.ts()), e.schemaVersion(), e.source(), e.callerId(), e.callerUser(),
                e.callerProject(), e.callerEnvironment(), e.tokenId(), e.client(), e.inboundDialect(),
                e.requestedModel(), e.resolvedGroup(), e.strategy(), e.targetProvider(), e.targetModelRef(),
                e.targetModel(), e.targetDialect(), e.stream(), e.status(), e.errorType(), e.errorClass(),
                e.attemptCount(), e.fallbackUsed(), e.latencyMs(), e.ttfbMs(), e.upstreamDurationMs(),
                e.inputTokens(), e.outputTokens(), e.totalTokens(), e.reasoningTokens(), e.tokenSource(),
                e.inputPricePerMillionUsd(), e.outputPricePerMillionUsd(), e.inputCostUsd(), e.outputCostUsd(),
                e.totalCostUsd(), e.upstreamReportedCostUsd(), e.pricingSource(), e.policyVersion(),
                e.routerVersion(), e.outputCapAction()};
    }

    static MultiRowInsert.Column col(String name, String type) {
        return new MultiRowInsert.Column(name, type);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
