package dev.switchboard.model.canonical;

/**
 * Who speaks a message. {@code SYSTEM} and {@code DEVELOPER} appear as messages only where a dialect places them
 * inside the conversation; a leading system prompt is {@link CanonicalRequest#instructions()}.
 */
public enum Role {
    SYSTEM, DEVELOPER, USER, ASSISTANT, TOOL;

    /** System and developer messages instruct the model rather than converse with it. */
    public boolean instructs() {
        return this == SYSTEM || this == DEVELOPER;
    }
}
