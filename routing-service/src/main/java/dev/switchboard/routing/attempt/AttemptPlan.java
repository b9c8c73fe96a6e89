package dev.switchboard.routing.attempt;

import java.util.List;
import java.util.concurrent.Executor;

import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.InboundRequest;
import dev.switchboard.routing.upstream.CallerStream;
import dev.switchboard.routing.upstream.CancelSignal;
import dev.switchboard.routing.usage.RequestTrace;

/**
 * Everything the attempt loop needs for one request.
 *
 * @param ordered the strategy's order: first choice, then fallbacks
 * @param stream where streamed events go, {@code null} for non-streaming requests
 * @param requestContext runs a task on the request's event loop (results of Redis calls come back elsewhere)
 */
public record AttemptPlan(
        InboundRequest inbound,
        List<ResolvedTarget> ordered,
        Deadline deadline,
        long maxResponseBytes,
        CallerStream stream,
        CancelSignal cancel,
        Executor requestContext,
        RequestTrace trace) {

    public String requestId() {
        return inbound.route().requestId();
    }
}
