package dev.switchboard.routing.usage;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.switchboard.model.build.BuildInfo;
import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.metrics.RouterMetrics;

/**
 * The accounting step at the end of every request that reached routing: metrics and exactly one usage event. It runs
 * after the caller's response is done, so it can neither delay nor fail that response. It stays on the calling event
 * loop (the publisher only enqueues; the events reach Kafka from a thread of their own) and hops to a worker only when
 * the output tokens must be counted locally.
 */
@Singleton
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);

    private final UsagePublisher publisher;
    private final RouterMetrics metrics;
    private final String routerVersion;

    UsageRecorder(UsagePublisher publisher, RouterMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
        BuildInfo build = BuildInfo.load(UsageRecorder.class.getClassLoader());
        this.routerVersion = "unknown".equals(build.commitShort())
                ? build.version()
                : build.version() + "+" + build.commitShort();
    }

    /**
     * @param metricsGroup the group label for metrics: the request's group when the policy knows it
     */
    public void finish(RouteRequest request, RequestTrace trace, String metricsGroup) {
        if (!trace.close()) {
            return;
        }
        long nowMs = System.currentTimeMillis();
        if (UsageAssembler.needsCounting(trace)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> account(request, trace, metricsGroup, nowMs));
        } else {
            account(request, trace, metricsGroup, nowMs);
        }
    }

    private void account(RouteRequest request, RequestTrace trace, String metricsGroup, long nowMs) {
        try {
            UsageEvent event = UsageAssembler.assemble(request, trace, routerVersion, nowMs);
            record(metricsGroup, trace, event);
            // logged before the event leaves: whoever sees the event can rely on the line being written
            LOG.debugf("request_id=%s group=%s status=%d attempts=%d target=%s/%s latency_ms=%d tokens=%d",
                    event.requestId(), metricsGroup, event.status(), event.attemptCount(), event.targetProvider(),
                    event.targetModelRef(), event.latencyMs(), event.totalTokens());
            publisher.publish(event);
        } catch (RuntimeException e) {
            LOG.errorf("accounting failed for request_id=%s: %s", request.requestId(), e.getClass().getSimpleName());
        }
    }

    private void record(String group, RequestTrace trace, UsageEvent event) {
        metrics.request(group, trace.target(), event.status(), event.errorType(), event.callerId() != null);
        if (trace.decisionNanos() >= 0) {
            metrics.decision(group, trace.decisionNanos());
        }
        if (event.fallbackUsed()) {
            metrics.fallback(group, trace.target(), event.status() < 400);
        }
        if (trace.target() != null && event.totalTokens() > 0) {
            metrics.billing(group, trace.target(), event.totalCostUsd(), event.inputTokens(), event.outputTokens());
        }
    }

    public String routerVersion() {
        return routerVersion;
    }
}
