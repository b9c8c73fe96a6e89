package dev.switchboard.simulator.scenario;

import dev.switchboard.model.dialect.TokenCounter;

/**
 * A successful answer before a dialect renders it.
 *
 * @param reportUsage whether the answer carries a usage block
 */
public record Answer(String text, int promptTokens, int completionTokens, boolean reportUsage) {

    public static Answer echo(SimRequest request, boolean reportUsage) {
        String text = Answers.echo(request.lastUserText());
        return new Answer(text, request.promptTokens(), TokenCounter.count(text), reportUsage);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
