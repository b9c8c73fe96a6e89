package dev.switchboard.model.policy;

import java.util.List;

/**
 * One entry of {@code models.<group>.targets[]}: a provider catalogue model serving the group. Capability metadata is
 * inherited from the catalogue entry named by {@code model_ref}; fields set here override it.
 *
 * @param weight relative share within the group for the {@code weighted} strategy (default 1; 0 = never chosen
 *        first)
 * @param dialect override of the provider's dialect for this target
 * @param maxOutputTokens override of the catalogue's output cap for this target
 * @param overCap what to do with a request whose output cap exceeds the target's: {@code clamp} (send the target's
 *        maximum) or {@code reroute} (the target is ineligible for that request)
 */
public record Target(
        String provider,
        String modelRef,
        Integer weight,
        String dialect,
        Long attemptTimeoutMs,
        List<String> tags,
        Integer maxOutputTokens,
        String overCap) {

    public static final String CLAMP = "clamp";
    public static final String REROUTE = "reroute";

    public Target {
        weight = weight == null ? 1 : weight;
        tags = tags == null ? List.of() : tags;
        overCap = overCap == null ? CLAMP : overCap;
    }
}
