package dev.switchboard.routing.upstream;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.eligibility.RequestShape;

/**
 * Speaks one upstream dialect. Cross-dialect bridges are adapters that {@link #accepts} more inbound dialects and
 * translate in {@link #prepare}, {@link #readResponse} and {@link #streamTranscoder}.
 */
public interface UpstreamAdapter {

    Dialect targetDialect();

    /** Whether requests in the caller's dialect can be sent to this adapter's targets. */
    boolean accepts(Dialect inbound);

    /**
     * Builds the upstream request for one attempt. May rewrite the (already parsed) body in place: the upstream
     * model id, stream options. Called once per attempt, always before the next one starts.
     */
    UpstreamRequest prepare(ResolvedTarget target, ObjectNode body, RequestShape shape, boolean stream);

    /** Authentication headers for the provider key; never logged. */
    Map<String, String> authHeaders(String key);

    ResponseFacts readResponse(Buffer body) throws InvalidUpstreamResponse;

    StreamTranscoder streamTranscoder(RequestShape shape);
}
