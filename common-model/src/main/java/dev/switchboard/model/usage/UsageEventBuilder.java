package dev.switchboard.model.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Assembles a {@link UsageEvent} as a request moves through the gateway or the data plane. Not thread-safe. */
public final class UsageEventBuilder {

    private String requestId;
    private Instant ts;
    private String source;
    private String callerId;
    private String callerUser;
    private String callerProject;
    private String callerEnvironment;
    private String tokenId;
    private String client;
    private String inboundDialect;
    private String requestedModel;
    private String resolvedGroup;
    private String strategy;
    private String targetProvider;
    private String targetModelRef;
    private String targetModel;
    private String targetDialect;
    private boolean stream;
    private int status;
    private String errorType;
    private String errorClass;
    private int attemptCount;
    private boolean fallbackUsed;
    private long latencyMs;
    private Long ttfbMs;
    private Long upstreamDurationMs;
    private long inputTokens;
    private long outputTokens;
    private long totalTokens;
    private long reasoningTokens;
    private String tokenSource = "none";
    private BigDecimal inputPricePerMillionUsd;
    private BigDecimal outputPricePerMillionUsd;
    private BigDecimal inputCostUsd;
    private BigDecimal outputCostUsd;
    private BigDecimal totalCostUsd;
    private BigDecimal upstreamReportedCostUsd;
    private String pricingSource;
    private String policyVersion;
    private String routerVersion;
    private String outputCapAction;
    private final List<AttemptRecord> attempts = new ArrayList<>();
    private final List<ShapeEventRecord> shapeEvents = new ArrayList<>();
    private ErrorRecord error;

    UsageEventBuilder(String requestId) {
        this.requestId = requestId;
        this.ts = Instant.now();
    }

    public UsageEventBuilder ts(Instant ts) {
        this.ts = ts;
        return this;
    }

    public UsageEventBuilder source(String source) {
        this.source = source;
        return this;
    }

    public UsageEventBuilder callerId(String callerId) {
        this.callerId = callerId;
        return this;
    }

    public UsageEventBuilder callerUser(String callerUser) {
        this.callerUser = callerUser;
        return this;
    }

    public UsageEventBuilder callerProject(String callerProject) {
        this.callerProject = callerProject;
        return this;
    }

    public UsageEventBuilder callerEnvironment(String callerEnvironment) {
        this.callerEnvironment = callerEnvironment;
        return this;
    }

    public UsageEventBuilder tokenId(String tokenId) {
        this.tokenId = tokenId;
        return this;
    }

    public UsageEventBuilder client(String client) {
        this.client = client;
        return this;
    }

    public UsageEventBuilder inboundDialect(String inboundDialect) {
        this.inboundDialect = inboundDialect;
        return this;
    }

    public UsageEventBuilder requestedModel(String requestedModel) {
        this.requestedModel = requestedModel;
        return this;
    }

    public UsageEventBuilder resolvedGroup(String resolvedGroup) {
        this.resolvedGroup = resolvedGroup;
        return this;
    }

    public UsageEventBuilder strategy(String strategy) {
        this.strategy = strategy;
        return this;
    }

    public UsageEventBuilder targetProvider(String targetProvider) {
        this.targetProvider = targetProvider;
        return this;
    }

    public UsageEventBuilder targetModelRef(String targetModelRef) {
        this.targetModelRef = targetModelRef;
        return this;
    }

    public UsageEventBuilder targetModel(String targetModel) {
        this.targetModel = targetModel;
        return this;
    }

    public UsageEventBuilder targetDialect(String targetDialect) {
        this.targetDialect = targetDialect;
        return this;
    }

    public UsageEventBuilder stream(boolean stream) {
        this.stream = stream;
        return this;
    }

    public UsageEventBuilder status(int status) {
        this.status = status;
        return this;
    }

    public UsageEventBuilder errorType(String errorType) {
        this.errorType = errorType;
        return this;
    }

    public UsageEventBuilder errorClass(String errorClass) {
        this.errorClass = errorClass;
        return this;
    }

    public UsageEventBuilder attemptCount(int attemptCount) {
        this.attemptCount = attemptCount;
        return this;
    }

    public UsageEventBuilder fallbackUsed(boolean fallbackUsed) {
        this.fallbackUsed = fallbackUsed;
        return this;
    }

    public UsageEventBuilder latencyMs(long latencyMs) {
        this.latencyMs = latencyMs;
        return this;
    }

    public UsageEventBuilder ttfbMs(Long ttfbMs) {
        this.ttfbMs = ttfbMs;
        return this;
    }

    public UsageEventBuilder upstreamDurationMs(Long upstreamDurationMs) {
        this.upstreamDurationMs = upstreamDurationMs;
        return this;
    }

    public UsageEventBuilder inputTokens(long inputTokens) {
        this.inputTokens = inputTokens;
        return this;
    }

    public UsageEventBuilder outputTokens(long outputTokens) {
        this.outputTokens = outputTokens;
        return this;
    }

    public UsageEventBuilder totalTokens(long totalTokens) {
        this.totalTokens = totalTokens;
        return this;
    }

    public UsageEventBuilder reasoningTokens(long reasoningTokens) {
        this.reasoningTokens = reasoningTokens;
        return this;
    }

    public UsageEventBuilder tokenSource(String tokenSource) {
        this.tokenSource = tokenSource;
        return this;
    }

    public UsageEventBuilder inputPricePerMillionUsd(BigDecimal inputPricePerMillionUsd) {
        this.inputPricePerMillionUsd = inputPricePerMillionUsd;
        return this;
    }

    public UsageEventBuilder outputPricePerMillionUsd(BigDecimal outputPricePerMillionUsd) {
        this.outputPricePerMillionUsd = outputPricePerMillionUsd;
        return this;
    }

    public UsageEventBuilder inputCostUsd(BigDecimal inputCostUsd) {
        this.inputCostUsd = inputCostUsd;
        return this;
    }

    public UsageEventBuilder outputCostUsd(BigDecimal outputCostUsd) {
        this.outputCostUsd = outputCostUsd;
        return this;
    }

    public UsageEventBuilder totalCostUsd(BigDecimal totalCostUsd) {
        this.totalCostUsd = totalCostUsd;
        return this;
    }

    public UsageEventBuilder upstreamReportedCostUsd(BigDecimal upstreamReportedCostUsd) {
        this.upstreamReportedCostUsd = upstreamReportedCostUsd;
        return this;
    }

    public UsageEventBuilder pricingSource(String pricingSource) {
        this.pricingSource = pricingSource;
        return this;
    }

    public UsageEventBuilder policyVersion(String policyVersion) {
        this.policyVersion = policyVersion;
        return this;
    }

    public UsageEventBuilder routerVersion(String routerVersion) {
        this.routerVersion = routerVersion;
        return this;
    }

    public UsageEventBuilder error(ErrorRecord error) {
        this.error = error;
        return this;
    }

    public UsageEventBuilder outputCapAction(String outputCapAction) {
        this.outputCapAction = outputCapAction;
        return this;
    }

    public UsageEventBuilder attempt(AttemptRecord attempt) {
        attempts.add(attempt);
        return this;
    }

    public UsageEventBuilder shapeEvent(ShapeEventRecord event) {
        shapeEvents.add(event);
        return this;
    }

    public String requestId() {
        return requestId;
    }

    public List<AttemptRecord> attempts() {
        return attempts;
    }

    public UsageEvent build() {
        return new UsageEvent(UsageEvent.SCHEMA_VERSION,
                requestId,
                ts,
                source,
                callerId,
                callerUser,
                callerProject,
                callerEnvironment,
                tokenId,
                client,
                inboundDialect,
                requestedModel,
                resolvedGroup,
                strategy,
                targetProvider,
                targetModelRef,
                targetModel,
                targetDialect,
                stream,
                status,
                errorType,
                errorClass,
                attemptCount,
                fallbackUsed,
                latencyMs,
                ttfbMs,
                upstreamDurationMs,
                inputTokens,
                outputTokens,
                totalTokens,
                reasoningTokens,
                tokenSource,
                inputPricePerMillionUsd,
                outputPricePerMillionUsd,
                inputCostUsd,
                outputCostUsd,
                totalCostUsd,
                upstreamReportedCostUsd,
                pricingSource,
                policyVersion,
                routerVersion,
                outputCapAction,
                attempts,
                shapeEvents,
                error);
    }
}
