package dev.switchboard.routing;

import dev.switchboard.model.dialect.Dialect;

/**
 * What the gateway told routing about a request, from the {@code x-sb-*} headers of the internal hop. Identity only:
 * never the caller's token or its hash.
 *
 * @param receivedAtMs epoch millis when the gateway received the request (latency is measured from there)
 * @param estimatedInputTokens the gateway's tokenizer estimate, or {@code null} when it sent none
 * @param anthropicVersion the Anthropic caller's {@code anthropic-version}, forwarded to Anthropic targets only
 * @param anthropicBeta the Anthropic caller's {@code anthropic-beta}, forwarded to Anthropic targets only
 */
public record RouteRequest(
        String requestId,
        Dialect dialect,
        String group,
        String requestedModel,
        boolean stream,
        String callerId,
        String callerUser,
        String callerProject,
        String callerEnvironment,
        String tokenId,
        String client,
        long receivedAtMs,
        Long estimatedInputTokens,
        String gatewayPolicyVersion,
        String anthropicVersion,
        String anthropicBeta) {

    /** The body decides whether the upstream streams; the header is the gateway's reading of the same body. */
    public RouteRequest withStream(boolean stream) {
        return stream == this.stream
                ? this
                : new RouteRequest(requestId, dialect, group, requestedModel, stream, callerId, callerUser,
                        callerProject, callerEnvironment, tokenId, client, receivedAtMs, estimatedInputTokens,
                        gatewayPolicyVersion, anthropicVersion, anthropicBeta);
    }
}
