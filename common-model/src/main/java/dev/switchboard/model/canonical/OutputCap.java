package dev.switchboard.model.canonical;

/** The caller's limit on output tokens (reasoning included) and the field that carried it. */
public record OutputCap(int tokens, CapField field) {
}
