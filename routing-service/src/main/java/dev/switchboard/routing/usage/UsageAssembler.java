package dev.switchboard.routing.usage;

import dev.switchboard.model.cost.Cost;
import dev.switchboard.model.dialect.TokenCounter;
import dev.switchboard.model.dialect.TokenUsage;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.model.usage.ErrorRecord;
import dev.switchboard.model.usage.UsageEvent;
import dev.switchboard.model.usage.UsageEventBuilder;
import dev.switchboard.routing.RouteRequest;

/**
 * Builds the one usage event of a request from its trace. Tokens come from the upstream's usage when it reported
 * some; otherwise the output is counted locally and the gateway's input estimate is used ({@code token_source}
 * {@code estimated}). Costs use the serving target's price snapshot, at request time.
 */
public final class UsageAssembler {

    public static final String SOURCE = "routing";

    private UsageAssembler() {
    }

    /**
     * Whether assembling this trace's event means counting tokens locally: an answer (or part of one) reached the
     * caller, the upstream reported no usage, and there is output text. Tokenizing a long answer is real CPU work,
     * so only such events are assembled off the event loop.
     */
    public static boolean needsCounting(RequestTrace trace) {
        return trace.answered() && !reported(trace.usage()) && trace.outputText() != null
                && !trace.outputText().isEmpty();
    }

    /** Cheap unless {@link #needsCounting} says otherwise. */
    public static UsageEvent assemble(RouteRequest request, RequestTrace trace, String routerVersion, long nowMs) {
        UsageEventBuilder b = UsageEvent.builder(request.requestId())
                .source(SOURCE)
                .callerId(request.callerId())
                .callerUser(request.callerUser())
                .callerProject(request.callerProject())
                .callerEnvironment(request.callerEnvironment())
                .tokenId(request.tokenId())
                .client(request.client())
                .inboundDialect(request.dialect() == null ? null : request.dialect().wireName())
                .requestedModel(request.requestedModel())
                .resolvedGroup(request.group())
                .strategy(trace.strategy())
                .stream(request.stream())
                .status(trace.status())
                .errorType(trace.errorType())
                .errorClass(trace.errorClass())
                .attemptCount(trace.attempts().size())
                .fallbackUsed(trace.attempts().size() > 1)
                .latencyMs(Math.max(0, nowMs - request.receivedAtMs()))
                .ttfbMs(trace.firstByteAtMs() == null
                        ? null
                        : Math.max(0, trace.firstByteAtMs() - request.receivedAtMs()))
                .upstreamDurationMs(trace.upstreamMs())
                .outputCapAction(trace.outputCapAction())
                .policyVersion(trace.policyVersion())
                .routerVersion(routerVersion);
        trace.attempts().forEach(b::attempt);
        trace.shapeEvents().forEach(b::shapeEvent);

        ResolvedTarget target = trace.target();
        if (target != null) {
            b.targetProvider(target.providerName())
                    .targetModelRef(target.modelRef())
                    .targetModel(target.model().model())
                    .targetDialect(target.dialect().wireName())
                    .inputPricePerMillionUsd(target.model().inputPricePerMillionUsd())
                    .outputPricePerMillionUsd(target.model().outputPricePerMillionUsd())
                    .pricingSource(target.model().pricingSource());
        }
        TokenUsage tokens = tokens(request, trace);
        if (tokens != null) {
            b.inputTokens(tokens.inputTokens())
                    .outputTokens(tokens.outputTokens())
                    .totalTokens(tokens.totalTokens())
                    .reasoningTokens(tokens.reasoningTokens())
                    .tokenSource(tokens.reported() ? "upstream" : "estimated")
                    .upstreamReportedCostUsd(trace.reportedCostUsd());
            if (target != null) {
                Cost cost = Cost.of(target.model(), tokens.inputTokens(), tokens.outputTokens());
                b.inputCostUsd(cost.inputUsd()).outputCostUsd(cost.outputUsd()).totalCostUsd(cost.totalUsd());
            }
        } else {
            b.tokenSource("none");
        }
        if (trace.status() >= 400) {
            b.error(new ErrorRecord(trace.status(), trace.errorType(), trace.errorClass(), trace.errorMessage(),
                    trace.retryable()));
        }
        return b.build();
    }

    /** @return {@code null} when no answer (not even part of one) reached the caller */
    static TokenUsage tokens(RouteRequest request, RequestTrace trace) {
        if (!trace.answered()) {
            return null;
        }
        TokenUsage reported = trace.usage();
        if (reported(reported)) {
            return reported;
        }
        long input = request.estimatedInputTokens() == null ? 0 : request.estimatedInputTokens();
        long output = needsCounting(trace) ? TokenCounter.count(trace.outputText()) : 0;
        return new TokenUsage(input, output, 0, false);
    }

    private static boolean reported(TokenUsage usage) {
        return usage != null && usage.reported();
    }
}
