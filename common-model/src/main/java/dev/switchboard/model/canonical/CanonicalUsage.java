package dev.switchboard.model.canonical;

import dev.switchboard.model.dialect.TokenUsage;

/**
 * Token usage of one answer. {@code tokens.inputTokens()} counts every prompt token, cached ones included (OpenAI's
 * convention); the cache counts are subsets of it. Anthropic reports uncached input separately and its codec converts.
 */
public record CanonicalUsage(TokenUsage tokens, long cacheReadInputTokens, long cacheWriteInputTokens) {

    public static final CanonicalUsage NONE = new CanonicalUsage(TokenUsage.NONE, 0, 0);

    public CanonicalUsage {
        tokens = tokens == null ? TokenUsage.NONE : tokens;
    }

    public static CanonicalUsage of(long inputTokens, long outputTokens, long reasoningTokens, long cacheRead,
            long cacheWrite) {
        return new CanonicalUsage(new TokenUsage(inputTokens, outputTokens, reasoningTokens, true), cacheRead,
                cacheWrite);
    }

    public long inputTokens() {
        return tokens.inputTokens();
    }

    public long outputTokens() {
        return tokens.outputTokens();
    }

    public long reasoningTokens() {
        return tokens.reasoningTokens();
    }

    public boolean reported() {
        return tokens.reported();
    }

    /** Input tokens neither read from nor written to a prompt cache (Anthropic's {@code input_tokens}). */
    public long uncachedInputTokens() {
        return Math.max(0, tokens.inputTokens() - cacheReadInputTokens - cacheWriteInputTokens);
    }
}
