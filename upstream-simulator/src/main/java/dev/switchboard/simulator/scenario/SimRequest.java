package dev.switchboard.simulator.scenario;

/**
 * What the simulator needs from a request, whatever its dialect.
 *
 * @param promptTokens tokens of all message text, counted with the shared tokenizer
 * @param lastUserText text of the last user message (empty when there is none)
 */
public record SimRequest(String model, boolean stream, boolean includeUsage, int promptTokens, String lastUserText) {
}
