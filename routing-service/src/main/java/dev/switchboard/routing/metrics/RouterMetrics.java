package dev.switchboard.routing.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.switchboard.model.policy.CompiledPolicy;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.model.policy.Strategy;
import dev.switchboard.routing.upstream.AttemptResult;

/**
 * Prometheus metrics of the data plane, named as SREs query them (DESIGN §8). Labels are group, provider, model
 * (upstream model id) and status; never anything that identifies a caller's token.
 */
@ApplicationScoped
public class RouterMetrics {

    public static final String NONE = "none";

    private final MeterRegistry registry;
    private final MultiGauge configuredWeight;

    RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.configuredWeight = MultiGauge.builder("router.configured.weight")
                .description("Expected share of a group's traffic per target (weights normalised within the group)")
                .register(registry);
    }

    /** One per request that reached routing, with the status the caller got (499 when it went away). */
    public void request(String group, ResolvedTarget target, int status, String errorType, boolean attributed) {
        Tags tags = tags(group, target).and("status", Integer.toString(status));
        Counter.builder("router.requests").description("Requests routed").tags(tags).register(registry).increment();
        if (status >= 500 || (status >= 400 && status != 499)) {
            Counter.builder("router.errors")
                    .description("Requests that ended with an error status")
                    .tags(tags.and("error_type", errorType == null ? NONE : errorType))
                    .register(registry)
                    .increment();
        }
        if (attributed) {
            Counter.builder("router.requests.attributed")
                    .description("Requests carrying caller attribution (caller id, project, environment)")
                    .tags(tags)
                    .register(registry)
                    .increment();
        }
    }

    /** A request needed more than one attempt; {@code served} when a fallback target answered. */
    public void fallback(String group, ResolvedTarget target, boolean served) {
        Tags tags = tags(group, target);
        Counter.builder("router.fallback").description("Requests that fell back").tags(tags).register(registry)
                .increment();
        if (served) {
            Counter.builder("router.fallback.success")
                    .description("Requests served by a fallback target")
                    .tags(tags)
                    .register(registry)
                    .increment();
        }
    }

    /** Time spent deciding where to send a request: eligibility, backoff check, strategy. */
    public void decision(String group, long nanos) {
        Timer.builder("router.latency")
                .description("Routing decision time, before the first upstream attempt")
                .tags("group", label(group))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void upstreamAttempt(ResolvedTarget target, AttemptResult result) {
        String outcome = result.upstreamStatus() != null
                ? result.upstreamStatus().toString()
                : result.errorClass() != null ? result.errorClass().wire() : NONE;
        Tags tags = tags(target.group(), target).and("status", outcome);
        Timer.builder("router.upstream.latency")
                .description("Duration of upstream attempts")
                .tags(tags)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry)
                .record(result.durationMs(), TimeUnit.MILLISECONDS);
        if (result.upstreamFirstByteMs() != null) {
            Timer.builder("router.upstream.ttfb")
                    .description("Time to the upstream's response head")
                    .tags(tags(target.group(), target))
                    .publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry)
                    .record(result.upstreamFirstByteMs(), TimeUnit.MILLISECONDS);
        }
    }

    public void billing(String group, ResolvedTarget target, BigDecimal costUsd, long inputTokens, long outputTokens) {
        Tags tags = tags(group, target).and("route_tier", tier(target));
        if (costUsd != null && costUsd.signum() > 0) {
            Counter.builder("billing.cost")
                    .description("Request-time cost in USD")
                    .tags(tags)
                    .register(registry)
                    .increment(costUsd.doubleValue());
        }
        if (inputTokens > 0) {
            Counter.builder("billing.tokens").tags(tags.and("type", "input")).register(registry)
                    .increment(inputTokens);
        }
        if (outputTokens > 0) {
            Counter.builder("billing.tokens").tags(tags.and("type", "output")).register(registry)
                    .increment(outputTokens);
        }
    }

    public void backoffStoreFailure(String operation) {
        Counter.builder("router.backoff.store.failures")
                .description("Redis backoff checks/updates that failed open")
                .tags("operation", operation)
                .register(registry)
                .increment();
    }

    /** {@code sent}, {@code failed} (Kafka gave up after retries) or {@code dropped} (local buffer full). */
    public void usageEvent(String outcome) {
        Counter.builder("router.usage.events")
                .description("Usage events handed to Kafka, by outcome")
                .tags("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** Publishes each target's expected share: weights for weighted groups, 1 for the primary otherwise. */
    public void configuredWeights(CompiledPolicy policy) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String group : policy.groupNames()) {
            List<ResolvedTarget> targets = policy.targets(group);
            boolean weighted = policy.group(group)
                    .map(g -> Strategy.fromName(g.strategy()).orElse(null) == Strategy.WEIGHTED)
                    .orElse(false);
            double total = targets.stream().mapToInt(t -> Math.max(0, t.weight())).sum();
            for (ResolvedTarget t : targets) {
                double share = weighted
                        ? (total > 0 ? Math.max(0, t.weight()) / total : 0)
                        : (t.index() == 0 ? 1 : 0);
                rows.add(MultiGauge.Row.of(tags(group, t).and("model_ref", t.modelRef()), share));
            }
        }
        configuredWeight.register(rows, true);
    }

    private static Tags tags(String group, ResolvedTarget target) {
        return Tags.of("group", label(group), "provider", target == null ? NONE : target.providerName(), "model",
                target == null ? NONE : target.model().model());
    }

    private static String tier(ResolvedTarget target) {
        return target == null || target.model().tier() == null ? NONE : target.model().tier();
    }

    private static String label(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
