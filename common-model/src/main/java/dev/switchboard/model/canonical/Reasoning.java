package dev.switchboard.model.canonical;

/**
 * Reasoning the caller asked for: an OpenAI effort, an Anthropic budget, or both after translation.
 *
 * @param effort OpenAI effort, or {@code null} when the caller gave a budget
 * @param budgetTokens Anthropic {@code thinking.budget_tokens}, or {@code null} when the caller gave an effort
 * @param summary Responses {@code reasoning.summary} ({@code auto|concise|detailed}), or {@code null}
 */
public record Reasoning(ReasoningEffort effort, Integer budgetTokens, String summary) {

    public static Reasoning ofEffort(ReasoningEffort effort) {
        return new Reasoning(effort, null, null);
    }

    public static Reasoning ofBudget(int budgetTokens) {
        return new Reasoning(null, budgetTokens, null);
    }

    /** The effort, derived from the budget when the caller gave only a budget. */
    public ReasoningEffort effectiveEffort() {
        if (effort != null) {
            return effort;
        }
        return budgetTokens == null ? ReasoningEffort.MEDIUM : ReasoningEffort.fromBudget(budgetTokens);
    }

    /** The budget, derived from the effort when the caller gave only an effort. */
    public int effectiveBudgetTokens() {
        if (budgetTokens != null) {
            return budgetTokens;
        }
        return effectiveEffort().budgetTokens();
    }

    /** The caller explicitly turned reasoning off. */
    public boolean disabled() {
        return effort == ReasoningEffort.NONE && budgetTokens == null;
    }
}
