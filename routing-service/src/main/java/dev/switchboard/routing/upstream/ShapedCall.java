package dev.switchboard.routing.upstream;

/**
 * One attempt's request for one target, and how its answer comes back to the caller.
 *
 * @param outputCapAction {@code clamped} when the caller's cap was lowered to the target's maximum, else {@code null}
 */
public record ShapedCall(UpstreamAdapter adapter, UpstreamRequest request, AnswerReader reader,
        UpstreamCall.TranscoderFactory transcoders, String outputCapAction) {

    public static final String CLAMPED = "clamped";
    public static final String REROUTED = "rerouted";
}
