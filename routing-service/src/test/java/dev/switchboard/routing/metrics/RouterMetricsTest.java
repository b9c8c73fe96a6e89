package dev.switchboard.routing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.TokenUsage;
import dev.switchboard.model.policy.CatalogModel;
import dev.switchboard.model.policy.Provider;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.upstream.AttemptResult;
import dev.switchboard.routing.upstream.UpstreamErrorClass;

/** Meters are registered once per label combination, with the names, tags and descriptions SREs query. */
class RouterMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RouterMetrics metrics = new RouterMetrics(registry);
    private final ResolvedTarget target = target("premium");

    @Test
    void requestCountersAreReusedPerLabelCombination() {
        metrics.request("chat", target, 200, null, false);
        metrics.request("chat", target, 200, null, true);
        metrics.request("chat", target("premium"), 200, null, false);
        metrics.request("chat", target, 503, null, false);

        assertThat(meters("router.requests")).hasSize(2);
        Meter ok = only("router.requests", "status", "200");
        assertThat(labels(ok)).isEqualTo(Map.of("group", "chat", "provider", "acme", "model", "acme-large",
                "status", "200"));
        assertThat(ok.getId().getDescription()).isEqualTo("Requests routed");
        assertThat(registry.get("router.requests").tag("status", "200").counter().count()).isEqualTo(3);
        assertThat(registry.get("router.requests.attributed").counter().count()).isEqualTo(1);
        assertThat(labels(meters("router.requests.attributed").get(0))).isEqualTo(labels(ok));
    }

    @Test
    void errorsAreCountedForErrorStatusesOnlyWithTheirType() {
        metrics.request("chat", target, 200, null, false);
        metrics.request("chat", target, 499, "client-canceled", false);
        assertThat(meters("router.errors")).isEmpty();

        metrics.request("chat", target, 503, "upstream-failed", false);
        metrics.request("chat", target, 503, "upstream-failed", false);
        metrics.request("chat", target, 429, null, false);

        assertThat(registry.get("router.errors").tags("status", "503", "error_type", "upstream-failed").counter()
                .count()).isEqualTo(2);
        Meter untyped = only("router.errors", "status", "429");
        assertThat(labels(untyped)).containsEntry("error_type", "none").containsEntry("model", "acme-large");
        assertThat(untyped.getId().getDescription()).isEqualTo("Requests that ended with an error status");
    }

    @Test
    void requestsWithoutTargetOrGroupAreLabelledNone() {
        metrics.request(" ", null, 400, "invalid-request", false);

        assertThat(labels(only("router.requests", "status", "400"))).isEqualTo(Map.of("group", "none", "provider",
                "none", "model", "none", "status", "400"));
    }

    @Test
    void attemptsAreLabelledWithTheUpstreamStatusOrFailureClass() {
        metrics.upstreamAttempt(target, attempt(200, null, 12L));
        metrics.upstreamAttempt(target, attempt(200, null, 15L));
        metrics.upstreamAttempt(target, attempt(null, UpstreamErrorClass.TIMEOUT, null));
        metrics.upstreamAttempt(target, attempt(null, null, null));

        assertThat(registry.get("router.upstream.latency").tag("status", "200").timer().count()).isEqualTo(2);
        assertThat(registry.get("router.upstream.latency").tag("status", "upstream_timeout").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("router.upstream.latency").tag("status", "none").timer().count()).isEqualTo(1);
        assertThat(registry.get("router.upstream.ttfb").timer().count()).isEqualTo(2);
        assertThat(labels(meters("router.upstream.ttfb").get(0))).isEqualTo(Map.of("group", "chat", "provider",
                "acme", "model", "acme-large"));
        assertThat(meters("router.upstream.latency").get(0).getId().getDescription())
                .isEqualTo("Duration of upstream attempts");
    }

    @Test
    void billingRegistersOnlyWhatWasSpent() {
        metrics.billing("chat", target, BigDecimal.ZERO, 10, 0);
        assertThat(meters("billing.cost")).isEmpty();
        assertThat(meters("billing.tokens")).hasSize(1);

        metrics.billing("chat", target, new BigDecimal("0.25"), 5, 7);
        metrics.billing("chat", target, new BigDecimal("0.5"), 0, 3);

        assertThat(registry.get("billing.cost").tag("route_tier", "gold").counter().count()).isEqualTo(0.75);
        assertThat(registry.get("billing.tokens").tags("type", "input", "route_tier", "gold").counter().count())
                .isEqualTo(15);
        assertThat(registry.get("billing.tokens").tag("type", "output").counter().count()).isEqualTo(10);
        assertThat(labels(only("billing.tokens", "type", "output"))).isEqualTo(Map.of("group", "chat", "provider",
                "acme", "model", "acme-large", "route_tier", "gold", "type", "output"));
    }

    @Test
    void fallbacksDecisionsAndOperationalCounters() {
        metrics.fallback("chat", target, false);
        metrics.fallback("chat", target, true);
        metrics.decision("chat", 200_000);
        metrics.decision("chat", 300_000);
        metrics.backoffStoreFailure("check");
        metrics.backoffStoreFailure("check");
        metrics.usageEvent("sent");

        assertThat(registry.get("router.fallback").counter().count()).isEqualTo(2);
        assertThat(registry.get("router.fallback.success").counter().count()).isEqualTo(1);
        assertThat(registry.get("router.latency").tag("group", "chat").timer().count()).isEqualTo(2);
        assertThat(registry.get("router.backoff.store.failures").tag("operation", "check").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("router.usage.events").tag("outcome", "sent").counter().count()).isEqualTo(1);
    }

    private List<Meter> meters(String name) {
        return List.copyOf(registry.find(name).meters());
    }

    private Meter only(String name, String key, String value) {
        List<Meter> found = List.copyOf(registry.find(name).tag(key, value).meters());
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Map<String, String> labels(Meter meter) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Tag tag : meter.getId().getTags()) {
            labels.put(tag.getKey(), tag.getValue());
        }
        return labels;
    }

    private static ResolvedTarget target(String ref) {
        CatalogModel model = new CatalogModel("acme-large", "gold", BigDecimal.ONE, BigDecimal.ONE, null, null,
                List.of("text"), null, null, null, null, null, null);
        Provider provider = new Provider("http://127.0.0.1:1", Dialect.OPENAI_CHAT.wireName(), null, null, null, null,
                Map.of(ref, model));
        return new ResolvedTarget("chat", 0, "acme", provider, ref, model, Dialect.OPENAI_CHAT, 1, 0, null, false);
    }

    private static AttemptResult attempt(Integer status, UpstreamErrorClass errorClass, Long firstByteMs) {
        return new AttemptResult(AttemptResult.Outcome.SUCCESS, status, errorClass, null, null, false, false, 0, 20,
                firstByteMs, null, null, TokenUsage.NONE, null, null);
    }
}
