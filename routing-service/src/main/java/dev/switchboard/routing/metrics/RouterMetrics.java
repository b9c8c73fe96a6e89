package dev.switchboard.routing.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.switchboard.model.policy.CompiledPolicy;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.model.policy.Strategy;
import dev.switchboard.routing.upstream.AttemptResult;
import dev.switchboard.routing.upstream.UpstreamErrorClass;

/**
 * Prometheus metrics of the data plane, named as SREs query them (DESIGN §8). Labels are group, provider, model
 * (upstream model id) and status; never anything that identifies a caller's token.
 */
@Singleton
public class RouterMetrics {

    public static final String NONE = "none";

    private final MeterRegistry registry;
    private final MultiGauge configuredWeight;
    private final Map<StatusKey, Counter> requests = new ConcurrentHashMap<>();
    private final Map<ErrorKey, Counter> errors = new ConcurrentHashMap<>();
    private final Map<StatusKey, Counter> attributedRequests = new ConcurrentHashMap<>();
    private final Map<TargetLabels, Counter> fallbacks = new ConcurrentHashMap<>();
    private final Map<TargetLabels, Counter> servedFallbacks = new ConcurrentHashMap<>();
    private final Map<String, Timer> decisions = new ConcurrentHashMap<>();
    private final Map<AttemptKey, Timer> attempts = new ConcurrentHashMap<>();
    private final Map<TargetLabels, Timer> firstBytes = new ConcurrentHashMap<>();
    private final Map<BillingKey, Counter> costs = new ConcurrentHashMap<>();
    private final Map<BillingKey, Counter> tokens = new ConcurrentHashMap<>();
    private final Map<String, Counter> backoffStoreFailures = new ConcurrentHashMap<>();
    private final Map<String, Counter> usageEvents = new ConcurrentHashMap<>();

    RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.configuredWeight = MultiGauge.builder("router.configured.weight")
                .description("Expected share of a group's traffic per target (weights normalised within the group)")
                .register(registry);
    }

    /** One per request that reached routing, with the status the caller got (499 when it went away). */
    public void request(String group, ResolvedTarget target, int status, String errorType, boolean attributed) {
        TargetLabels labels = TargetLabels.of(group, target);
        StatusKey key = new StatusKey(labels, status);
        cached(requests, key, k -> Counter.builder("router.requests")
                .description("Requests routed")
                .tags(k.tags())
                .register(registry)).increment();
        if (status >= 500 || (status >= 400 && status != 499)) {
            cached(errors, new ErrorKey(labels, status, errorType == null ? NONE : errorType),
                    k -> Counter.builder("router.errors")
                            .description("Requests that ended with an error status")
                            .tags(k.tags())
                            .register(registry))
                    .increment();
        }
        if (attributed) {
            cached(attributedRequests, key, k -> Counter.builder("router.requests.attributed")
                    .description("Requests carrying caller attribution (caller id, project, environment)")
                    .tags(k.tags())
                    .register(registry)).increment();
        }
    }

    /** A request needed more than one attempt; {@code served} when a fallback target answered. */
    public void fallback(String group, ResolvedTarget target, boolean served) {
        TargetLabels labels = TargetLabels.of(group, target);
        cached(fallbacks, labels, k -> Counter.builder("router.fallback")
                .description("Requests that fell back")
                .tags(k.tags())
                .register(registry)).increment();
        if (served) {
            cached(servedFallbacks, labels, k -> Counter.builder("router.fallback.success")
                    .description("Requests served by a fallback target")
                    .tags(k.tags())
                    .register(registry)).increment();
        }
    }

    /** Time spent deciding where to send a request: eligibility, backoff check, strategy. */
    public void decision(String group, long nanos) {
        cached(decisions, label(group), g -> Timer.builder("router.latency")
                .description("Routing decision time, before the first upstream attempt")
                .tags("group", g)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void upstreamAttempt(ResolvedTarget target, AttemptResult result) {
        TargetLabels labels = TargetLabels.of(target.group(), target);
        cached(attempts, new AttemptKey(labels, result.upstreamStatus(), result.errorClass()),
                k -> Timer.builder("router.upstream.latency")
                        .description("Duration of upstream attempts")
                        .tags(k.tags())
                        .publishPercentileHistogram()
                        .maximumExpectedValue(Duration.ofMinutes(10))
                        .register(registry))
                .record(result.durationMs(), TimeUnit.MILLISECONDS);
        if (result.upstreamFirstByteMs() != null) {
            cached(firstBytes, labels, k -> Timer.builder("router.upstream.ttfb")
                    .description("Time to the upstream's response head")
                    .tags(k.tags())
                    .publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry)).record(result.upstreamFirstByteMs(), TimeUnit.MILLISECONDS);
        }
    }

    public void billing(String group, ResolvedTarget target, BigDecimal costUsd, long inputTokens, long outputTokens) {
        TargetLabels labels = TargetLabels.of(group, target);
        String tier = tier(target);
        if (costUsd != null && costUsd.signum() > 0) {
            cached(costs, new BillingKey(labels, tier, null), k -> Counter.builder("billing.cost")
                    .description("Request-time cost in USD")
                    .tags(k.tags())
                    .register(registry)).increment(costUsd.doubleValue());
        }
        if (inputTokens > 0) {
            cached(tokens, new BillingKey(labels, tier, "input"), this::tokenCounter).increment(inputTokens);
        }
        if (outputTokens > 0) {
            cached(tokens, new BillingKey(labels, tier, "output"), this::tokenCounter).increment(outputTokens);
        }
    }

    public void backoffStoreFailure(String operation) {
        cached(backoffStoreFailures, operation, o -> Counter.builder("router.backoff.store.failures")
                .description("Redis backoff checks/updates that failed open")
                .tags("operation", o)
                .register(registry)).increment();
    }

    /** {@code sent}, {@code failed} (Kafka gave up after retries) or {@code dropped} (local buffer full). */
    public void usageEvent(String outcome) {
        cached(usageEvents, outcome, o -> Counter.builder("router.usage.events")
                .description("Usage events handed to Kafka, by outcome")
                .tags("outcome", o)
                .register(registry)).increment();
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
        return TargetLabels.of(group, target).tags();
    }

    private Counter tokenCounter(BillingKey key) {
        return Counter.builder("billing.tokens").tags(key.tags()).register(registry);
    }

    /**
     * The meter registered for {@code key}, registering it on first use. Registration builds tags and looks the meter
     * up by id, which is too costly per request; label values are bounded (policy groups and targets, a fixed catalogue
     * of statuses and error types), so are these maps.
     */
    private static <K, M> M cached(Map<K, M> meters, K key, Function<K, M> register) {
        M meter = meters.get(key);
        return meter != null ? meter : meters.computeIfAbsent(key, register);
    }

    /** The labels every per-target meter carries. */
    private record TargetLabels(String group, String provider, String model) {

        static TargetLabels of(String group, ResolvedTarget target) {
            return new TargetLabels(label(group), target == null ? NONE : target.providerName(),
                    target == null ? NONE : target.model().model());
        }

        Tags tags() {
            return Tags.of("group", group, "provider", provider, "model", model);
        }
    }

    private record StatusKey(TargetLabels target, int status) {

        Tags tags() {
            return target.tags().and("status", Integer.toString(status));
        }
    }

    private record ErrorKey(TargetLabels target, int status, String errorType) {

        Tags tags() {
            return target.tags().and("status", Integer.toString(status)).and("error_type", errorType);
        }
    }

    /** An attempt's outcome label: the upstream's status, else the failure class, else {@value #NONE}. */
    private record AttemptKey(TargetLabels target, Integer upstreamStatus, UpstreamErrorClass errorClass) {

        Tags tags() {
            String outcome = upstreamStatus != null
                    ? upstreamStatus.toString()
                    : errorClass != null ? errorClass.wire() : NONE;
            return target.tags().and("status", outcome);
        }
    }

    /** @param tokenType {@code input} or {@code output} for {@code billing.tokens}, {@code null} for the cost */
    private record BillingKey(TargetLabels target, String tier, String tokenType) {

        Tags tags() {
            Tags tags = target.tags().and("route_tier", tier);
            return tokenType == null ? tags : tags.and("type", tokenType);
        }
    }

    private static String tier(ResolvedTarget target) {
        return target == null || target.model().tier() == null ? NONE : target.model().tier();
    }

    private static String label(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
