package dev.switchboard.routing.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.error.ErrorEnvelopes;
import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.policy.CompiledPolicy;
import dev.switchboard.model.policy.ModelGroup;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.model.security.RequestIds;
import dev.switchboard.routing.InboundRequest;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.attempt.Attempt;
import dev.switchboard.routing.attempt.AttemptPlan;
import dev.switchboard.routing.attempt.AttemptRunner;
import dev.switchboard.routing.attempt.Deadline;
import dev.switchboard.routing.attempt.RunOutcome;
import dev.switchboard.routing.backoff.BackoffMark;
import dev.switchboard.routing.backoff.BackoffStore;
import dev.switchboard.routing.backoff.RetryAfter;
import dev.switchboard.routing.eligibility.Eligibility;
import dev.switchboard.routing.eligibility.EligibilityFilter;
import dev.switchboard.routing.eligibility.RequestShape;
import dev.switchboard.routing.policy.PolicyHolder;
import dev.switchboard.routing.strategy.RoutingStrategy;
import dev.switchboard.routing.strategy.Strategies;
import dev.switchboard.routing.upstream.AttemptResult;
import dev.switchboard.routing.upstream.ShapedCall;
import dev.switchboard.routing.upstream.UpstreamAdapters;
import dev.switchboard.routing.usage.RequestTrace;
import dev.switchboard.routing.usage.UsageRecorder;

/**
 * {@code POST /internal/v1/route}, composed in one visible place: authenticate the hop → decode the body in the
 * caller's dialect → filter eligible targets (of any dialect) → skip the ones cooling down → let the strategy order
 * the rest → shape and attempt them → answer in the caller's dialect → account (metrics and exactly one usage event).
 */
@Singleton
public class RouteHandler {

    private static final Logger LOG = Logger.getLogger(RouteHandler.class);
    /** Metrics label for a group this router's policy does not know (keeps caller input out of label values). */
    private static final String UNKNOWN_GROUP = "rejected_model";

    private final InternalTokenCheck tokens;
    private final PolicyHolder policies;
    private final EligibilityFilter eligibility;
    private final BackoffStore backoff;
    private final Strategies strategies;
    private final AttemptRunner runner;
    private final UsageRecorder usage;
    private final UpstreamAdapters adapters;

    RouteHandler(InternalTokenCheck tokens, PolicyHolder policies, EligibilityFilter eligibility, BackoffStore backoff,
            Strategies strategies, AttemptRunner runner, UsageRecorder usage, UpstreamAdapters adapters) {
        this.adapters = adapters;
        this.tokens = tokens;
        this.policies = policies;
        this.eligibility = eligibility;
        this.backoff = backoff;
        this.strategies = strategies;
        this.runner = runner;
        this.usage = usage;
    }

    public void handle(RoutingContext rc) {
        String requestId = RequestIds.acceptOrGenerate(rc.request().getHeader(InternalHeaders.REQUEST_ID));
        if (!tokens.accepts(rc.request().getHeader(InternalHeaders.TOKEN))) {
            // not a request from our gateway: answered, never routed, never accounted
            Dialect dialect = Dialect.fromWireName(rc.request().getHeader(InternalHeaders.DIALECT))
                    .orElse(Dialect.OPENAI_CHAT);
            rc.response()
                    .setStatusCode(401)
                    .putHeader("content-type", "application/json")
                    .putHeader(InternalHeaders.REQUEST_ID, requestId)
                    .end(Buffer.buffer(ErrorEnvelopes.toBytes(dialect, requestId,
                            GatewayError.of(ErrorType.UNAUTHORIZED, "internal token missing or invalid"))));
            return;
        }
        RouteRequest request = RouteHeaders.read(rc.request(), requestId);
        RequestTrace trace = new RequestTrace();
        Request r = new Request(request, new CallerExchange(rc.response(), requestId, trace), trace, rc);
        try {
            route(r);
        } catch (GatewayError.Failure f) {
            reject(r, f.error(), errorClassOf(f.error()), Map.of());
        } catch (RuntimeException e) {
            unexpected(r, e);
        }
    }

    private void route(Request r) {
        RouteRequest request = r.request;
        if (request.dialect() == null) {
            throw invalid("x-sb-dialect is missing or names an unknown dialect");
        }
        if (request.group() == null) {
            throw invalid("x-sb-group is missing");
        }
        CompiledPolicy policy = policies.current()
                .orElseThrow(() -> GatewayError.of(ErrorType.SERVICE_UNAVAILABLE, "routing has no policy loaded yet")
                        .asException());
        r.trace.policyVersion(policy.version());
        if (request.gatewayPolicyVersion() != null && !request.gatewayPolicyVersion().equals(policy.version())) {
            LOG.debugf("request_id=%s admitted with policy %s, routed with %s", request.requestId(),
                    request.gatewayPolicyVersion(), policy.version());
        }
        Buffer raw = r.rc.body().buffer();
        ObjectNode body = parseBody(raw);
        // decoded once, in the caller's dialect: invalid bodies end here with 400 in the caller's envelope
        InboundRequest inbound = InboundRequest.decode(request, body, raw.length(),
                adapters.forTarget(request.dialect()).capFields());
        r.request = request = inbound.route();
        RequestShape shape = inbound.shape();
        ModelGroup group = policy.group(request.group()).orElse(null);
        if (group == null) {
            throw GatewayError.of(ErrorType.NO_ELIGIBLE_TARGET,
                    "model group \"" + request.group() + "\" is not configured in the routing policy")
                    .withDetail("model", request.group())
                    .withDetail("requirements", List.of("configured_group"))
                    .withDetail("target_count", 0)
                    .asException();
        }
        r.metricsGroup = request.group();
        r.trace.strategy(group.strategy());
        List<ResolvedTarget> targets = policy.targets(request.group());
        Eligibility eligible = eligibility.filter(targets, shape, request.estimatedInputTokens());
        if (eligible.none()) {
            r.trace.decided();
            throw noEligibleTarget(request, targets.size(), eligible).asException();
        }
        r.overCapRerouted = eligible.overCapRerouted();
        RoutingStrategy strategy = strategies.forName(group.strategy());
        // this replica's mirror of the shared marks: no Redis round trip on the request path
        Map<String, BackoffMark> marks = backoff.activeMarks(eligible.eligible());
        attempt(r, policy, inbound, strategy, eligible.eligible(), marks, onCurrentContext());
    }

    private void attempt(Request r, CompiledPolicy policy, InboundRequest inbound, RoutingStrategy strategy,
            List<ResolvedTarget> eligible, Map<String, BackoffMark> marks,
            Executor onRequestContext) {
        if (r.exchange.canceled()) {
            canceled(r, null);
            return;
        }
        List<ResolvedTarget> available = new ArrayList<>(eligible.size());
        long soonest = Long.MAX_VALUE;
        long now = System.currentTimeMillis();
        for (ResolvedTarget target : eligible) {
            BackoffMark mark = marks.get(target.label());
            if (mark == null) {
                available.add(target);
            } else {
                long remainingMs = mark.remainingMs(now);
                r.trace.shapeEvent(target, "skipped", remainingMs, mark.reason().wire());
                soonest = Math.min(soonest, remainingMs);
            }
        }
        if (available.isEmpty()) {
            r.trace.decided();
            GatewayError throttled = new GatewayError(ErrorType.UPSTREAM_CAPACITY_THROTTLED,
                    "every eligible upstream target is cooling down after upstream rate limiting; retry later",
                    Map.of("target_count", eligible.size(), "retry_after_ms", soonest),
                    RetryAfter.headerSeconds(soonest));
            reject(r, throttled, "capacity_throttled", Map.of());
            return;
        }
        List<ResolvedTarget> ordered = strategy.order(available, ThreadLocalRandom.current());
        r.trace.decided();
        var upstream = policy.source().server().upstream();
        AttemptPlan plan = new AttemptPlan(inbound, ordered,
                Deadline.in(upstream.timeoutMs()), upstream.maxResponseBytes(),
                r.request.stream() ? r.exchange : null, r.exchange, onRequestContext, r.trace);
        runner.run(plan).subscribe().with(outcome -> {
            try {
                respond(r, outcome);
            } catch (RuntimeException e) {
                unexpected(r, e);
            }
        }, failure -> unexpected(r, failure));
    }

    private void respond(Request r, RunOutcome outcome) {
        AttemptResult result = outcome.last() == null ? null : outcome.last().result();
        switch (outcome.kind()) {
            case SERVED -> {
                answered(r, outcome.last());
                if (r.request.stream()) {
                    r.trace.outcome(200);
                    r.exchange.endStream();
                } else {
                    r.trace.outcome(result.upstreamStatus());
                    r.exchange.send(result.upstreamStatus(),
                            result.contentType() == null ? "application/json" : result.contentType(), result.body());
                }
                finish(r);
            }
            case BROKEN_STREAM -> {
                // the caller already has a 200 and some events: end without the terminal event, record the failure
                answered(r, outcome.last());
                r.trace.failure(ErrorType.UPSTREAM_FAILED.status(), ErrorType.UPSTREAM_FAILED.type(),
                        result.errorClass().wire(), result.message(), false);
                r.exchange.endStream();
                finish(r);
            }
            case CANCELED -> canceled(r, result.committed() ? outcome : null);
            case REJECTED -> reject(r, outcome.error(), errorClassOf(outcome.error()), Map.of());
            case FAILED -> {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put(InternalHeaders.ERROR_CLASS, result.errorClass().wire());
                if (result.upstreamStatus() != null) {
                    headers.put(InternalHeaders.UPSTREAM_STATUS, result.upstreamStatus().toString());
                }
                LOG.debugf("request_id=%s failed after %d attempt(s): %s", r.request.requestId(),
                        outcome.attempts().size(), result.errorClass().wire());
                reject(r, outcome.error(), result.errorClass().wire(), headers, result.retryable());
            }
        }
    }

    /** The caller went away; what it had already received (stream events) is still accounted. */
    private void canceled(Request r, RunOutcome partial) {
        if (partial != null) {
            answered(r, partial.last());
        }
        r.trace.failure(499, "client-canceled", "client_canceled", "caller closed the connection", false);
        finish(r);
    }

    /** Token evidence of the attempt whose answer (or part of it) reached the caller, and what its cap became. */
    private static void answered(Request r, Attempt served) {
        AttemptResult result = served.result();
        r.trace.answer(served.target(), result.usage(), result.outputText(), result.reportedCostUsd());
        if (served.outputCapAction() != null) {
            r.trace.outputCapAction(served.outputCapAction());
        } else if (r.overCapRerouted) {
            r.trace.outputCapAction(ShapedCall.REROUTED);
        }
    }

    private void reject(Request r, GatewayError error, String errorClass, Map<String, String> headers) {
        reject(r, error, errorClass, headers, false);
    }

    private void reject(Request r, GatewayError error, String errorClass, Map<String, String> headers,
            boolean retryable) {
        if (r.exchange.canceled()) {
            canceled(r, null);
            return;
        }
        r.trace.failure(error, errorClass, retryable);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent(InternalHeaders.ERROR_CLASS, errorClass);
        r.exchange.sendError(r.request.dialect() == null ? Dialect.OPENAI_CHAT : r.request.dialect(), error, all);
        finish(r);
    }

    private void unexpected(Request r, Throwable failure) {
        LOG.errorf("request_id=%s routing failed unexpectedly: %s", r.request.requestId(),
                failure.getClass().getName());
        if (r.trace.isClosed()) {
            return;
        }
        reject(r, GatewayError.of(ErrorType.INTERNAL_ERROR, "routing failed unexpectedly"), "internal_error",
                Map.of());
    }

    private void finish(Request r) {
        usage.finish(r.request, r.trace, r.metricsGroup);
    }

    private static ObjectNode parseBody(Buffer buffer) {
        if (buffer == null || buffer.length() == 0) {
            throw invalid("request body is empty");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(buffer.getBytes());
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // fall through: the message must not echo the body
        }
        throw invalid("request body is not a JSON object");
    }

    private static GatewayError noEligibleTarget(RouteRequest request, int targetCount, Eligibility eligible) {
        String needs = String.join(", ", eligible.requirements());
        return GatewayError.of(ErrorType.NO_ELIGIBLE_TARGET,
                "no eligible upstream target is configured for model \"" + request.group() + "\" with "
                        + request.dialect().wireName() + " requests requiring " + needs)
                .withDetail("model", request.group())
                .withDetail("dialect", request.dialect().wireName())
                .withDetail("requirements", eligible.requirements())
                .withDetail("target_count", targetCount)
                .withDetail("attempts", 0)
                .withDetail("hint", "ask the gateway administrator for a target in this group that supports "
                        + needs);
    }

    private static GatewayError.Failure invalid(String message) {
        return GatewayError.of(ErrorType.INVALID_REQUEST, message).asException();
    }

    private static String errorClassOf(GatewayError error) {
        return error.type().code();
    }

    private static Executor onCurrentContext() {
        Context context = Vertx.currentContext();
        return task -> context.runOnContext(v -> task.run());
    }

    /** Per-request state shared by the stages above. */
    private static final class Request {
        RouteRequest request;
        final CallerExchange exchange;
        final RequestTrace trace;
        final RoutingContext rc;
        String metricsGroup = UNKNOWN_GROUP;
        boolean overCapRerouted;

        Request(RouteRequest request, CallerExchange exchange, RequestTrace trace, RoutingContext rc) {
            this.request = request;
            this.exchange = exchange;
            this.trace = trace;
            this.rc = rc;
        }
    }
}
