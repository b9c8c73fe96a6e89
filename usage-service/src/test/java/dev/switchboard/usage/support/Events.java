package dev.switchboard.usage.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEventBuilder;

/** Usage events as routing-service publishes them. */
public final class Events {

    private Events() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A successful routed request with tokens, cost and one attempt. */
    public static UsageEventBuilder served(String callerId, Instant ts) {
        return UsageEvent.builder(uniqueId("req"))
                .ts(ts)
                .source("routing")
                .callerId(callerId)
                .callerUser("alice")
                .callerProject("payments")
                .callerEnvironment("prod")
                .tokenId("sbt_abc123")
                .client("openai-python/1.50")
                .inboundDialect("openai-chat")
                .requestedModel("chat")
                .resolvedGroup("chat")
                .strategy("weighted")
                .targetProvider("openai")
                .targetModelRef("openai-mini")
                .targetModel("gpt-4o-mini")
                .targetDialect("openai-chat")
                .status(200)
                .attemptCount(1)
                .latencyMs(120)
                .ttfbMs(80L)
                .upstreamDurationMs(100L)
                .inputTokens(100)
                .outputTokens(50)
                .totalTokens(150)
                .tokenSource("upstream")
                .inputPricePerMillionUsd(new BigDecimal("0.15"))
                .outputPricePerMillionUsd(new BigDecimal("0.60"))
                .inputCostUsd(new BigDecimal("0.0000150000"))
                .outputCostUsd(new BigDecimal("0.0000300000"))
                .totalCostUsd(new BigDecimal("0.0000450000"))
                .pricingSource("policy-set")
                .policyVersion("7")
                .routerVersion("0.1.0")
                .outputCapAction("clamped");
    }
}
