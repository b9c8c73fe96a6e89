package dev.switchboard.usage.store;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One served (or refused) request, table {@code requests}. Rows are written by native inserts, read through here. */
@Entity
@Table(name = "requests")
public class RequestRow {

    @Id
    @Column(name = "request_id")
    private String requestId;
    private OffsetDateTime ts;
    @Column(name = "schema_version")
    private int schemaVersion;
    private String source;
    @Column(name = "caller_id")
    private String callerId;
    @Column(name = "caller_user")
    private String callerUser;
    @Column(name = "caller_project")
    private String callerProject;
    @Column(name = "caller_environment")
    private String callerEnvironment;
    @Column(name = "token_id")
    private String tokenId;
    private String client;
    @Column(name = "inbound_dialect")
    private String inboundDialect;
    @Column(name = "requested_model")
    private String requestedModel;
    @Column(name = "resolved_group")
    private String resolvedGroup;
    private String strategy;
    @Column(name = "target_provider")
    private String targetProvider;
    @Column(name = "target_model_ref")
    private String targetModelRef;
    @Column(name = "target_model")
    private String targetModel;
    @Column(name = "target_dialect")
    private String targetDialect;
    private boolean stream;
    private int status;
    @Column(name = "error_type")
    private String errorType;
    @Column(name = "error_class")
    private String errorClass;
    @Column(name = "attempt_count")
    private int attemptCount;
    @Column(name = "fallback_used")
    private boolean fallbackUsed;
    @Column(name = "latency_ms")
    private long latencyMs;
    @Column(name = "ttfb_ms")
    private Long ttfbMs;
    @Column(name = "upstream_duration_ms")
    private Long upstreamDurationMs;
    @Column(name = "input_tokens")
    private long inputTokens;
    @Column(name = "output_tokens")
    private long outputTokens;
    @Column(name = "total_tokens")
    private long totalTokens;
    @Column(name = "reasoning_tokens")
    private long reasoningTokens;
    @Column(name = "token_source")
    private String tokenSource;
    @Column(name = "input_price_per_million_usd", precision = 20, scale = 10)
    private BigDecimal inputPricePerMillionUsd;
    @Column(name = "output_price_per_million_usd", precision = 20, scale = 10)
    private BigDecimal outputPricePerMillionUsd;
    @Column(name = "input_cost_usd", precision = 20, scale = 10)
    private BigDecimal inputCostUsd;
    @Column(name = "output_cost_usd", precision = 20, scale = 10)
    private BigDecimal outputCostUsd;
    @Column(name = "total_cost_usd", precision = 20, scale = 10)
    private BigDecimal totalCostUsd;
    @Column(name = "upstream_reported_cost_usd", precision = 20, scale = 10)
    private BigDecimal upstreamReportedCostUsd;
    @Column(name = "pricing_source")
    private String pricingSource;
    @Column(name = "policy_version")
    private String policyVersion;
    @Column(name = "router_version")
    private String routerVersion;
    @Column(name = "output_cap_action")
    private String outputCapAction;
    @Column(name = "ingested_at")
    private OffsetDateTime ingestedAt;

    protected RequestRow() {
    }

    public String getRequestId() {
        return requestId;
    }

    public OffsetDateTime getTs() {
        return ts;
    }

    public int getSchemaVersion() {
        return schemaVersion;
    }

    public String getSource() {
        return source;
    }

    public String getCallerId() {
        return callerId;
    }

    public String getCallerUser() {
        return callerUser;
    }

    public String getCallerProject() {
        return callerProject;
    }

    public String getCallerEnvironment() {
        return callerEnvironment;
    }

    public String getTokenId() {
        return tokenId;
    }

    public String getClient() {
        return client;
    }

    public String getInboundDialect() {
        return inboundDialect;
    }

    public String getRequestedModel() {
        return requestedModel;
    }

    public String getResolvedGroup() {
        return resolvedGroup;
    }

    public String getStrategy() {
        return strategy;
    }

    public String getTargetProvider() {
        return targetProvider;
    }

    public String getTargetModelRef() {
        return targetModelRef;
    }

    public String getTargetModel() {
        return targetModel;
    }

    public String getTargetDialect() {
        return targetDialect;
    }

    public boolean isStream() {
        return stream;
    }

    public int getStatus() {
        return status;
    }

    public String getErrorType() {
        return errorType;
    }

    public String getErrorClass() {
        return errorClass;
    }

    public int getAttemptCount() {
        return attemptCount;
    }

    public boolean isFallbackUsed() {
        return fallbackUsed;
    }

    public long getLatencyMs() {
        return latencyMs;
    }

    public Long getTtfbMs() {
        return ttfbMs;
    }

    public Long getUpstreamDurationMs() {
        return upstreamDurationMs;
    }

    public long getInputTokens() {
        return inputTokens;
    }

    public long getOutputTokens() {
        return outputTokens;
    }

    public long getTotalTokens() {
        return totalTokens;
    }

    public long getReasoningTokens() {
        return reasoningTokens;
    }

    public String getTokenSource() {
        return tokenSource;
    }

    public BigDecimal getInputPricePerMillionUsd() {
        return inputPricePerMillionUsd;
    }

    public BigDecimal getOutputPricePerMillionUsd() {
        return outputPricePerMillionUsd;
    }

    public BigDecimal getInputCostUsd() {
        return inputCostUsd;
    }

    public BigDecimal getOutputCostUsd() {
        return outputCostUsd;
    }

    public BigDecimal getTotalCostUsd() {
        return totalCostUsd;
    }

    public BigDecimal getUpstreamReportedCostUsd() {
        return upstreamReportedCostUsd;
    }

    public String getPricingSource() {
        return pricingSource;
    }

    public String getPolicyVersion() {
        return policyVersion;
    }

    public String getRouterVersion() {
        return routerVersion;
    }

    public String getOutputCapAction() {
        return outputCapAction;
    }

    public OffsetDateTime getIngestedAt() {
        return ingestedAt;
    }
}
