package dev.switchboard.simulator.scenario;

/** What went wrong, independent of dialect; each dialect names it in its own error vocabulary. */
public enum FailureKind {
    /** The request itself is wrong (body, field, header); never worth retrying elsewhere. */
    INVALID_REQUEST,
    /** Missing or wrong credential. */
    UNAUTHORIZED,
    /** Billing, credit or quota exhausted. */
    QUOTA_EXHAUSTED,
    /** Entitlement or region denial for this provider. */
    FORBIDDEN,
    /** The provider does not serve the model. */
    MODEL_NOT_FOUND,
    /** No such endpoint. */
    UNKNOWN_URL,
    /** Rate limited; comes with a retry delay. */
    RATE_LIMITED,
    /** The provider failed. */
    SERVER_ERROR,
    /** The provider is overloaded. */
    OVERLOADED
}
