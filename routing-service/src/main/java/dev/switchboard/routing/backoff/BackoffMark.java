package dev.switchboard.routing.backoff;

/**
 * An active cooldown of one {@code provider/model_ref}, shared by every replica through Redis.
 *
 * @param remainingMs how long the target stays skipped, at least 1
 */
public record BackoffMark(String label, CooldownReason reason, long remainingMs) {

    /**
     * Parses a stored value {@code <reason>:<until epoch ms>}. Expiry is absolute so one MGET gives both the state and
     * the remaining time; a value we cannot read still counts as a short cooldown rather than being ignored.
     */
    static BackoffMark parse(String label, String stored, long nowMs) {
        int colon = stored.lastIndexOf(':');
        CooldownReason reason = CooldownReason.fromWire(colon > 0 ? stored.substring(0, colon) : stored);
        long remaining = 1000;
        if (colon > 0) {
            try {
                remaining = Long.parseLong(stored.substring(colon + 1)) - nowMs;
            } catch (NumberFormatException e) {
                // keep the default
            }
        }
        return new BackoffMark(label, reason, Math.max(1, remaining));
    }
}
