package dev.switchboard.simulator.scenario;

/**
 * A successful answer before a dialect renders it: optional reasoning, then either text or one tool call.
 *
 * @param reasoning the reasoning summary of a {@code -reasoning} model, else {@code null}
 * @param text the answer text, {@code null} when the answer is a tool call
 * @param toolCall the scripted tool call, else {@code null}
 * @param completionTokens every output token, reasoning included (as every provider counts them)
 * @param reportUsage whether the answer carries a usage block
 */
public record Answer(String reasoning, String text, ToolCall toolCall, Stop stop, int promptTokens,
        int completionTokens, int reasoningTokens, boolean reportUsage) {

    /** Why the answer ended; each dialect names it in its own vocabulary. */
    public enum Stop {
        END, TOOL_CALL, MAX_TOKENS
    }

    /**
     * @param key the deterministic part of the call id; dialects prefix it ({@code call_sim_}, {@code toolu_sim_})
     * @param arguments compact JSON object
     */
    public record ToolCall(String key, String name, String arguments) {
    }

    /** The answer to a request: the scripted tool step, else the echo; reasoning and output cap applied. */
    public static Answer of(SimRequest request, boolean reportUsage) {
        ToolScript.Step step = request.toolStep();
        String text = null;
        ToolCall call = null;
        if (step instanceof ToolScript.Call c) {
            call = new ToolCall(c.directive().callKey(), c.directive().name(), c.directive().arguments());
        } else if (step instanceof ToolScript.Done done) {
            text = done.text();
        } else {
            text = Answers.echo(request.lastUserText(), request.images());
        }
        String reasoning = ModelTraits.reasoning(request.model()) ? Answers.reasoning(step, request) : null;
        int reasoningTokens = TokenCounts.count(reasoning);
        if (call != null) {
            int output = reasoningTokens + TokenCounts.count(call.name()) + TokenCounts.count(call.arguments());
            return new Answer(reasoning, null, call, Stop.TOOL_CALL, request.promptTokens(), output, reasoningTokens,
                    reportUsage);
        }
        Stop stop = Stop.END;
        int textTokens = TokenCounts.count(text);
        if (request.maxOutputTokens() != null) {
            int budget = Math.max(0, request.maxOutputTokens() - reasoningTokens);
            if (textTokens > budget) {
                text = Answers.truncateToTokens(text, budget);
                textTokens = TokenCounts.count(text);
                stop = Stop.MAX_TOKENS;
            }
        }
        return new Answer(reasoning, text, null, stop, request.promptTokens(), reasoningTokens + textTokens,
                reasoningTokens, reportUsage);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
