package dev.switchboard.model.dialect;

/** Token counts of one answer, as reported by the upstream or counted locally. */
public record TokenUsage(long inputTokens, long outputTokens, long reasoningTokens, boolean reported) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, false);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
