package dev.switchboard.model.policy;

import java.util.List;
import java.util.Locale;

/**
 * A caller key ({@code callers[]}). Only the SHA-256 of the token is stored; {@code token_id} is the public prefix
 * that logs and usage rows may show. Identity comes from these fields, never from parsing the token.
 *
 * @param user deprecated alias of {@code owner_user}, accepted for ported configurations
 */
public record Caller(
        String id,
        String ownerUser,
        String user,
        String project,
        String environment,
        String status,
        String tokenId,
        String tokenSha256,
        List<String> allow,
        Rate rate) {

    public Caller {
        status = status == null ? "active" : status.trim().toLowerCase(Locale.ROOT);
        allow = allow == null ? List.of() : allow;
        rate = rate == null ? Rate.UNLIMITED : rate;
        if (ownerUser == null) {
            ownerUser = user;
        }
    }

    /**
     * Caller admission limits, enforced across all gateway replicas (shared counters in Redis). {@code null} means no
     * limit.
     *
     * @param rpm requests admitted per rolling minute
     * @param concurrent requests in flight at once
     */
    public record Rate(Integer rpm, Integer concurrent) {
        public static final Rate UNLIMITED = new Rate(null, null);
    }

    public KeyStatus keyStatus() {
        return KeyStatus.fromName(status).orElse(KeyStatus.DISABLED);
    }

    public boolean allows(String group) {
        return allow.contains(group) || allow.contains("*");
    }
}
