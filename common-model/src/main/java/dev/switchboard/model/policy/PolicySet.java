package dev.switchboard.model.policy;

import java.util.List;
import java.util.Map;

/**
 * One complete deployment policy, as operators write it in YAML. The shape follows the reference gateway's
 * configuration ({@code providers.<name>.models.<ref>}, {@code models.<group>.targets[]}, {@code callers[]},
 * {@code server.*}) so that an existing configuration can be ported by hand.
 *
 * @param version an operator label for this set; the policy-service assigns its own sequence on top
 */
public record PolicySet(
        String version,
        ServerSettings server,
        Map<String, Provider> providers,
        Map<String, ModelGroup> models,
        List<Caller> callers) {

    public PolicySet {
        server = server == null ? ServerSettings.DEFAULTS : server;
        providers = providers == null ? Map.of() : providers;
        models = models == null ? Map.of() : models;
        callers = callers == null ? List.of() : callers;
    }
}
