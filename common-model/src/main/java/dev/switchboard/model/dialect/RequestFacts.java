package dev.switchboard.model.dialect;

/**
 * What admission and eligibility need to know about a request, whatever its dialect. Extracted once at the edge;
 * carries no content.
 *
 * @param model the requested model group, or {@code null} when the body names none
 * @param maxOutputTokens the caller's output cap, or {@code null} when not set
 * @param estimatedInputTokens local estimate of prompt tokens (real tokenizer over the text parts)
 */
public record RequestFacts(
        Dialect dialect,
        String model,
        boolean stream,
        boolean includeUsage,
        Integer maxOutputTokens,
        int messageCount,
        int toolCount,
        int imageCount,
        boolean structuredOutput,
        boolean reasoning,
        int estimatedInputTokens) {
}
