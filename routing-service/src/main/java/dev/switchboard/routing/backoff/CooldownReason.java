package dev.switchboard.routing.backoff;

/** Why a target is cooling down; the wire value lands in shape events as {@code backoff_reason}. */
public enum CooldownReason {
    RATE_LIMITED("upstream_429"), QUOTA_EXHAUSTED("upstream_quota");

    private final String wire;

    CooldownReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static CooldownReason fromWire(String wire) {
        return QUOTA_EXHAUSTED.wire.equals(wire) ? QUOTA_EXHAUSTED : RATE_LIMITED;
    }
}
