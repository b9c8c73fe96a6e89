package dev.switchboard.model.canonical;

/**
 * OpenAI's reasoning effort levels, with the Anthropic thinking budget each one translates to. Budgets follow the
 * spacing of Anthropic's own guidance: 1024 is the minimum it accepts.
 */
public enum ReasoningEffort {
    NONE("none", 0), MINIMAL("minimal", 1024), LOW("low", 2048), MEDIUM("medium", 8192), HIGH("high",
            16384), XHIGH("xhigh", 32768);

    private final String wireName;
    private final int budgetTokens;

    ReasoningEffort(String wireName, int budgetTokens) {
        this.wireName = wireName;
        this.budgetTokens = budgetTokens;
    }

    public String wireName() {
        return wireName;
    }

    /** The Anthropic {@code budget_tokens} this effort translates to ({@code 0} for {@link #NONE}). */
    public int budgetTokens() {
        return budgetTokens;
    }

    /** @return {@code null} for an unknown name */
    public static ReasoningEffort fromWireName(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "none" -> NONE;
            case "minimal" -> MINIMAL;
            case "low" -> LOW;
            case "medium" -> MEDIUM;
            case "high" -> HIGH;
            case "xhigh" -> XHIGH;
            default -> null;
        };
    }

    /**
     * The effort closest to an Anthropic budget, among the levels every OpenAI reasoning model accepts (low, medium,
     * high); the thresholds sit between their budgets so that low, medium and high survive a round trip.
     */
    public static ReasoningEffort fromBudget(int budgetTokens) {
        if (budgetTokens < 4096) {
            return LOW;
        }
        return budgetTokens < 12288 ? MEDIUM : HIGH;
    }
}
