package dev.switchboard.routing.upstream;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.routing.RouteRequest;

/**
 * What is specific to one upstream dialect: where and how to call it, and the same-dialect fast path (the caller's
 * body relayed with a few rewrites, the answer relayed as is while usage is read from it). Translation between
 * dialects is generic and lives in {@link UpstreamShaper}.
 */
public interface UpstreamAdapter {

    Dialect targetDialect();

    /** Appended to the provider's {@code base_url}. */
    String path();

    /** Authentication headers for the provider key; never logged. */
    Map<String, String> authHeaders(String key);

    /** Headers the dialect needs besides authentication, for this request. */
    default Map<String, String> dialectHeaders(RouteRequest request) {
        return Map.of();
    }

    /** Body fields of this dialect that carry the output cap. */
    List<String> capFields();

    /**
     * Same-dialect rewrites beyond {@code model} and the cap, applied to the caller's (parsed) body before each
     * attempt.
     */
    default void prepareNative(ObjectNode body, boolean stream) {
    }

    /** A same-dialect answer: relayed unchanged, usage and text read from it. */
    ResponseFacts readNative(Buffer body) throws InvalidUpstreamResponse;

    /** A same-dialect stream: relayed event by event. */
    StreamTranscoder passthrough(boolean callerWantsUsage);
}
