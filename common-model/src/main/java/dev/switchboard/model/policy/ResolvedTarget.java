package dev.switchboard.model.policy;

import dev.switchboard.model.dialect.Dialect;

/**
 * A group target joined with its provider and catalogue entry, with overrides applied: what the data plane needs to
 * call one upstream.
 *
 * @param index position in {@code models.<group>.targets[]}
 * @param attemptTimeoutMs effective per-attempt budget (target, then group, then server default; 0 = none)
 * @param maxOutputTokens effective output cap (target override, then catalogue), {@code null} when unknown
 * @param rerouteOverCap true when a request above {@code maxOutputTokens} must go elsewhere instead of being clamped
 */
public record ResolvedTarget(
        String group,
        int index,
        String providerName,
        Provider provider,
        String modelRef,
        CatalogModel model,
        Dialect dialect,
        int weight,
        long attemptTimeoutMs,
        Integer maxOutputTokens,
        boolean rerouteOverCap) {

    /** A stable, non-secret label for logs, metrics and backoff keys: {@code provider/model_ref}. */
    public String label() {
        return providerName + "/" + modelRef;
    }
}
