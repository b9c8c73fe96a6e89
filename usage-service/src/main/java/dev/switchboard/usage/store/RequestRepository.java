package dev.switchboard.usage.store;

import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.BOOL;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.INT4;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.INT8;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.NUMERIC;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.TEXT;
import static dev.switchboard.usage.store.MultiRowInsert.ColumnType.TIMESTAMPTZ;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.switchboard.model.usage.UsageEvent;

@ApplicationScoped
public class RequestRepository implements PanacheRepositoryBase<RequestRow, String> {

    static final MultiRowInsert INSERT = new MultiRowInsert("requests",
            List.of(col("request_id", TEXT),
                    col("ts", TIMESTAMPTZ),
                    col("schema_version", INT4),
                    col("source", TEXT),
                    col("caller_id", TEXT),
                    col("caller_user", TEXT),
                    col("caller_project", TEXT),
                    col("caller_environment", TEXT),
                    col("token_id", TEXT),
                    col("client", TEXT),
                    col("inbound_dialect", TEXT),
                    col("requested_model", TEXT),
                    col("resolved_group", TEXT),
                    col("strategy", TEXT),
                    col("target_provider", TEXT),
                    col("target_model_ref", TEXT),
                    col("target_model", TEXT),
                    col("target_dialect", TEXT),
                    col("stream", BOOL),
                    col("status", INT4),
                    col("error_type", TEXT),
                    col("error_class", TEXT),
                    col("attempt_count", INT4),
                    col("fallback_used", BOOL),
                    col("latency_ms", INT8),
                    col("ttfb_ms", INT8),
                    col("upstream_duration_ms", INT8),
                    col("input_tokens", INT8),
                    col("output_tokens", INT8),
                    col("total_tokens", INT8),
                    col("reasoning_tokens", INT8),
                    col("token_source", TEXT),
                    col("input_price_per_million_usd", NUMERIC),
                    col("output_price_per_million_usd", NUMERIC),
                    col("input_cost_usd", NUMERIC),
                    col("output_cost_usd", NUMERIC),
                    col("total_cost_usd", NUMERIC),
                    col("upstream_reported_cost_usd", NUMERIC),
                    col("pricing_source", TEXT),
                    col("policy_version", TEXT),
                    col("router_version", TEXT),
                    col("output_cap_action", TEXT)),
            "request_id");

    /** One row per event; the statement's count of inserted rows is how many events were new. */
    public MultiRowInsert.Batch batch(List<UsageEvent> events) {
        return INSERT.batch(rows(events));
    }

    static List<Object[]> rows(List<UsageEvent> events) {
        return events.stream().map(RequestRepository::row).toList();
    }

    /** A request row, only when it belongs to the given caller. */
    public Uni<RequestRow> findForCaller(String requestId, String callerId) {
        return find("requestId = ?1 and callerId = ?2", requestId, callerId).firstResult();
    }

    private static Object[] row(UsageEvent e) {
        return new Object[]{e.requestId(), e.ts(), e.schemaVersion(), e.source(), e.callerId(), e.callerUser(),
                e.callerProject(), e.callerEnvironment(), e.tokenId(), e.client(), e.inboundDialect(),
                e.requestedModel(), e.resolvedGroup(), e.strategy(), e.targetProvider(), e.targetModelRef(),
                e.targetModel(), e.targetDialect(), e.stream(), e.status(), e.errorType(), e.errorClass(),
                e.attemptCount(), e.fallbackUsed(), e.latencyMs(), e.ttfbMs(), e.upstreamDurationMs(),
                e.inputTokens(), e.outputTokens(), e.totalTokens(), e.reasoningTokens(), e.tokenSource(),
                e.inputPricePerMillionUsd(), e.outputPricePerMillionUsd(), e.inputCostUsd(), e.outputCostUsd(),
                e.totalCostUsd(), e.upstreamReportedCostUsd(), e.pricingSource(), e.policyVersion(),
                e.routerVersion(), e.outputCapAction()};
    }

    static MultiRowInsert.Column col(String name, MultiRowInsert.ColumnType type) {
        return new MultiRowInsert.Column(name, type);
    }
}
