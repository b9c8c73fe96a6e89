package dev.switchboard.model.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One event per request, published to {@code switchboard.usage.v1} keyed by request ID, edge rejections included.
 * Only safe scalars: never prompts, images, tool outputs, router tokens, token hashes or provider keys.
 *
 * <p>
 * Costs are computed when the request is served, from the price snapshot carried here, and are never recomputed from a
 * later configuration. {@code upstreamReportedCostUsd} is what the provider billed, when it said so.
 *
 * @param status HTTP status returned to the caller (499 when the caller went away)
 * @param tokenSource {@code upstream} when the provider reported usage, {@code estimated} when counted locally,
 *        {@code none} when no tokens were involved
 * @param outputCapAction {@code clamped} when the caller's output cap was lowered to the serving target's maximum,
 *        {@code rerouted} when targets were skipped because the cap exceeded theirs, {@code null} otherwise
 */
public record UsageEvent(
        int schemaVersion,
        String requestId,
        Instant ts,
        String source,
        String callerId,
        String callerUser,
        String callerProject,
        String callerEnvironment,
        String tokenId,
        String client,
        String inboundDialect,
        String requestedModel,
        String resolvedGroup,
        String strategy,
        String targetProvider,
        String targetModelRef,
        String targetModel,
        String targetDialect,
        boolean stream,
        int status,
        String errorType,
        String errorClass,
        int attemptCount,
        boolean fallbackUsed,
        long latencyMs,
        Long ttfbMs,
        Long upstreamDurationMs,
        long inputTokens,
        long outputTokens,
        long totalTokens,
        long reasoningTokens,
        String tokenSource,
        BigDecimal inputPricePerMillionUsd,
        BigDecimal outputPricePerMillionUsd,
        BigDecimal inputCostUsd,
        BigDecimal outputCostUsd,
        BigDecimal totalCostUsd,
        BigDecimal upstreamReportedCostUsd,
        String pricingSource,
        String policyVersion,
        String routerVersion,
        String outputCapAction,
        List<AttemptRecord> attempts,
        List<ShapeEventRecord> shapeEvents,
        ErrorRecord error) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TOPIC = "switchboard.usage.v1";
    public static final String DEAD_LETTER_TOPIC = "switchboard.usage.dlq";

    public UsageEvent {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        shapeEvents = shapeEvents == null ? List.of() : List.copyOf(shapeEvents);
    }

    public static UsageEventBuilder builder(String requestId) {
        return new UsageEventBuilder(requestId);
    }
}
