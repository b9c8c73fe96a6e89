package dev.switchboard.routing.attempt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.model.usage.AttemptRecord;
import dev.switchboard.routing.backoff.BackoffStore;
import dev.switchboard.routing.backoff.CooldownReason;
import dev.switchboard.routing.metrics.RouterMetrics;
import dev.switchboard.routing.upstream.AttemptResult;
import dev.switchboard.routing.upstream.ShapedCall;
import dev.switchboard.routing.upstream.UpstreamCall;
import dev.switchboard.routing.upstream.UpstreamClient;
import dev.switchboard.routing.upstream.UpstreamErrorClass;
import dev.switchboard.routing.upstream.UpstreamShaper;

/**
 * Tries the ordered candidates one after the other: the next one only after a retryable failure, while the overall
 * deadline lasts and the caller is still there. Every attempt is recorded; a 429 or quota answer starts a shared
 * cooldown before moving on.
 */
@Singleton
public class AttemptRunner {

    private static final Logger LOG = Logger.getLogger(AttemptRunner.class);

    private final UpstreamClient client;
    private final UpstreamShaper shaper;
    private final BackoffStore backoff;
    private final RouterMetrics metrics;

    AttemptRunner(UpstreamClient client, UpstreamShaper shaper, BackoffStore backoff, RouterMetrics metrics) {
        this.client = client;
        this.shaper = shaper;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    /** Subscribe on the request's event loop. */
    public Uni<RunOutcome> run(AttemptPlan plan) {
        return tryFrom(0, plan, new ArrayList<>(plan.ordered().size()), null, null);
    }

    private Uni<RunOutcome> tryFrom(int i, AttemptPlan plan, List<Attempt> done, String fallbackReason,
            Long retryAfterMs) {
        ResolvedTarget target = plan.ordered().get(i);
        long budget = plan.deadline().attemptBudgetMs(target.attemptTimeoutMs());
        if (budget <= 0 && !done.isEmpty()) {
            // the overall budget ran out between attempts: the last failure decides
            return Uni.createFrom().item(failed(done, retryAfterMs));
        }
        boolean streaming = plan.stream() != null;
        ShapedCall shaped;
        try {
            shaped = shaper.shape(target, plan.inbound(), streaming);
        } catch (GatewayError.Failure untranslatable) {
            LOG.debugf("request_id=%s target=%s cannot take this request: %s", plan.requestId(), target.label(),
                    untranslatable.error().message());
            if (i + 1 < plan.ordered().size()) {
                return tryFrom(i + 1, plan, done, fallbackReason, retryAfterMs);
            }
            return Uni.createFrom().item(done.isEmpty()
                    ? new RunOutcome(RunOutcome.Kind.REJECTED, done, null, untranslatable.error())
                    : failed(done, retryAfterMs));
        }
        UpstreamCall call = new UpstreamCall(target, shaped, plan.requestId(), Math.max(1, budget),
                plan.deadline().expiresAtNanos(), plan.maxResponseBytes(), plan.stream(), plan.cancel());
        int index = done.size() + 1;
        String host = client.endpointHost(target);
        return client.call(call).flatMap(result -> {
            Attempt attempt = new Attempt(index, target, host, result, fallbackReason, shaped.outputCapAction());
            done.add(attempt);
            record(plan, attempt);
            RunOutcome.Kind ended = switch (result.outcome()) {
                case SUCCESS -> RunOutcome.Kind.SERVED;
                case BROKEN_STREAM -> RunOutcome.Kind.BROKEN_STREAM;
                case CANCELED -> RunOutcome.Kind.CANCELED;
                case FAILED -> null;
            };
            if (ended != null) {
                return Uni.createFrom().item(new RunOutcome(ended, done, attempt, null));
            }
            CooldownReason reason = cooldownReason(result.errorClass());
            return cooldown(target, reason, result).emitOn(plan.requestContext()).flatMap(cooldownMs -> {
                if (cooldownMs != null) {
                    plan.trace().shapeEvent(target, "cooldown_started", cooldownMs, reason.wire());
                }
                Long hint = min(retryAfterMs, cooldownMs != null ? cooldownMs : result.retryAfterMs());
                boolean more = i + 1 < plan.ordered().size();
                if (plan.cancel().canceled()) {
                    return Uni.createFrom().item(new RunOutcome(RunOutcome.Kind.CANCELED, done, attempt, null));
                }
                if (result.retryable() && more && !plan.deadline().expired()) {
                    LOG.debugf("request_id=%s attempt=%d target=%s failed with %s; falling back", plan.requestId(),
                            attempt.index(), target.label(), result.errorClass().wire());
                    return tryFrom(i + 1, plan, done, result.errorClass().wire(), hint);
                }
                return Uni.createFrom().item(failed(done, hint));
            });
        });
    }

    private static RunOutcome failed(List<Attempt> done, Long retryAfterMs) {
        Attempt last = done.get(done.size() - 1);
        return new RunOutcome(RunOutcome.Kind.FAILED, done, last, FailureMapper.map(done, retryAfterMs));
    }

    private static CooldownReason cooldownReason(UpstreamErrorClass errorClass) {
        return switch (errorClass) {
            case RATE_LIMITED -> CooldownReason.RATE_LIMITED;
            case QUOTA_EXHAUSTED -> CooldownReason.QUOTA_EXHAUSTED;
            default -> null;
        };
    }

    /** @return the cooldown now in force (ms), or {@code null} when none was started or Redis did not answer */
    private Uni<Long> cooldown(ResolvedTarget target, CooldownReason reason, AttemptResult result) {
        if (reason == null) {
            return Uni.createFrom().nullItem();
        }
        return backoff.startCooldown(target, reason, result.retryAfterMs());
    }

    private void record(AttemptPlan plan, Attempt attempt) {
        AttemptResult r = attempt.result();
        ResolvedTarget t = attempt.target();
        UpstreamErrorClass errorClass = r.errorClass();
        AttemptRecord record = new AttemptRecord(attempt.index(), Instant.ofEpochMilli(r.startedAtEpochMs()),
                t.providerName(), t.modelRef(), t.model().model(), t.dialect().wireName(), attempt.endpointHost(),
                r.durationMs(), r.upstreamStatus(), errorClass == null ? null : errorClass.wire(), r.message(),
                r.retryable(), r.timedOut(), r.outcome() == AttemptResult.Outcome.CANCELED, r.delivered(),
                attempt.fallbackReason(), t.attemptTimeoutMs(), r.retryAfterMs());
        plan.trace().attempt(record, t, r.durationMs());
        metrics.upstreamAttempt(t, r);
    }

    private static Long min(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }
}
