package dev.switchboard.model.canonical;

/** The request field that carried the output cap; targets may require one spelling or the other. */
public enum CapField {
    /** Chat (legacy spelling, still the only one many OpenAI-compatible servers know) and Anthropic. */
    MAX_TOKENS("max_tokens"),
    /** Chat, required by OpenAI reasoning models. */
    MAX_COMPLETION_TOKENS("max_completion_tokens"),
    /** Responses. */
    MAX_OUTPUT_TOKENS("max_output_tokens");

    private final String wireName;

    CapField(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
