package dev.switchboard.routing.backoff;

/**
 * A cooldown of one {@code provider/model_ref}, shared by every replica through Redis and mirrored in each of them.
 *
 * @param untilMs epoch milliseconds when the target takes traffic again
 */
public record BackoffMark(String label, CooldownReason reason, long untilMs) {

    /** How long the target stays skipped, at least 1 (a mark is only handed out while it is active). */
    public long remainingMs(long nowMs) {
        return Math.max(1, untilMs - nowMs);
    }

    boolean activeAt(long nowMs) {
        return untilMs > nowMs;
    }

    /** The value stored in Redis and announced on the channel: {@code <reason>:<until epoch ms>}. */
    String stored() {
        return reason.wire() + ':' + untilMs;
    }

    /**
     * Parses a stored value {@code <reason>:<until epoch ms>}. Expiry is absolute so that a value read at any time
     * (resync) or announced once (pub/sub) gives both the state and its end; a value we cannot read still counts as
     * a short cooldown rather than being ignored.
     */
    static BackoffMark parse(String label, String stored, long nowMs) {
        int colon = stored.lastIndexOf(':');
        CooldownReason reason = CooldownReason.fromWire(colon > 0 ? stored.substring(0, colon) : stored);
        long until = nowMs + 1000;
        if (colon > 0) {
            try {
                until = Long.parseLong(stored.substring(colon + 1));
            } catch (NumberFormatException e) {
                // keep the default
            }
        }
        return new BackoffMark(label, reason, until);
    }

    /**
     * Reads what the cooldown script announces on the channel: {@code <label> <reason>:<until epoch ms>} (labels
     * never contain spaces).
     *
     * @return the announced mark, or {@code null} for a message that is not one
     */
    static BackoffMark fromAnnouncement(String message, long nowMs) {
        int space = message == null ? -1 : message.indexOf(' ');
        if (space <= 0 || space == message.length() - 1) {
            return null;
        }
        return parse(message.substring(0, space), message.substring(space + 1), nowMs);
    }
}
