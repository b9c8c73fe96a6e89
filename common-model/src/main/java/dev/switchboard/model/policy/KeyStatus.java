package dev.switchboard.model.policy;

import java.util.Optional;

import dev.switchboard.model.error.ErrorType;

/** The state of a caller key; anything but ACTIVE is refused after the hash matched, with its own error type. */
public enum KeyStatus {
    ACTIVE(null), DISABLED(ErrorType.KEY_DISABLED), SUSPENDED(ErrorType.KEY_SUSPENDED), EXPIRED(
            ErrorType.KEY_EXPIRED), ROTATED(ErrorType.KEY_ROTATED);

    private final ErrorType refusal;

    KeyStatus(ErrorType refusal) {
        this.refusal = refusal;
    }

    /** @return the error to answer with, or {@code null} for an active key */
    public ErrorType refusal() {
        return refusal;
    }

    public static Optional<KeyStatus> fromName(String name) {
        for (KeyStatus s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
