package dev.switchboard.model.canonical;

/** Why the model stopped. Each codec maps its dialect's spelling to and from these. */
public enum StopReason {
    /** Natural end of the answer. */
    END_TURN,
    /** The output cap (or the context window) was reached. */
    MAX_TOKENS,
    /** The model wants the client to run tools. */
    TOOL_USE,
    /** A caller stop sequence matched. */
    STOP_SEQUENCE,
    /** The provider's content filter cut the answer. */
    CONTENT_FILTER,
    /** The model declined (Anthropic {@code refusal}). */
    REFUSAL,
    /** Anthropic paused a long server-tool turn; the client should continue it. */
    PAUSE_TURN,
    /** The upstream reported a failure instead of finishing. */
    ERROR
}
