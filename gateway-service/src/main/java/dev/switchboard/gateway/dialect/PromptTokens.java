package dev.switchboard.gateway.dialect;

import dev.switchboard.model.dialect.RequestFacts;
import dev.switchboard.model.policy.CompiledPolicy;
import dev.switchboard.model.policy.ResolvedTarget;

/**
 * Which prompt token figure travels to routing: the cheap estimate the inspector made, unless the prompt is large
 * enough for one of the group's targets to refuse it for its context window. Then the exact count decides, so that
 * the estimate's error (within a quarter, {@code TokenEstimate}) never turns a fitting request away or lets one
 * through that cannot fit.
 */
final class PromptTokens {

    /** The estimate may be this much below the real count; beyond it an exact count is needed. */
    private static final double ESTIMATE_MARGIN = 1.25;

    private PromptTokens() {
    }

    static boolean needsExactCount(RequestFacts facts, CompiledPolicy policy, String group) {
        long cap = facts.maxOutputTokens() == null ? 0 : facts.maxOutputTokens();
        double worstCase = facts.estimatedInputTokens() * ESTIMATE_MARGIN + cap;
        for (ResolvedTarget target : policy.targets(group)) {
            Integer context = target.model().contextTokens();
            if (context != null && worstCase >= context) {
                return true;
            }
        }
        return false;
    }
}
