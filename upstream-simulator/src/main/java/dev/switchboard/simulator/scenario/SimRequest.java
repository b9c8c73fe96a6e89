package dev.switchboard.simulator.scenario;

/**
 * What the simulator needs from a request, whatever its dialect.
 *
 * @param promptTokens tokens of all message text, counted with the shared tokenizer
 * @param lastUserText text of the last user message (empty when there is none)
 * @param images image inputs anywhere in the request
 * @param maxOutputTokens the request's output cap, or {@code null} when it sets none
 * @param toolStep what the scripted tool calls of the conversation ask for
 */
public record SimRequest(String model, boolean stream, boolean includeUsage, int promptTokens, String lastUserText,
        int images, Integer maxOutputTokens, ToolScript.Step toolStep) {

    /** A plain text request without images, output cap or scripted tool calls. */
    public SimRequest(String model, boolean stream, boolean includeUsage, int promptTokens, String lastUserText) {
        this(model, stream, includeUsage, promptTokens, lastUserText, 0, null, ToolScript.none());
    }
}
