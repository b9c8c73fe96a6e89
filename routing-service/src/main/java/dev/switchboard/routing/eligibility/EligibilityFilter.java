package dev.switchboard.routing.eligibility;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.policy.CatalogModel;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.upstream.UpstreamAdapters;

/**
 * Hard filters applied before any strategy: a target that cannot honour the request's shape never receives it. A
 * target of another dialect is eligible when translation keeps the request's meaning (docs/api-compatibility-matrix.md)
 * and the target has the capabilities of its own dialect. Each failed check yields a stable requirement label that
 * {@code no-eligible-target} reports.
 */
@Singleton
public class EligibilityFilter {

    public static final String TOOLS = "tools";
    public static final String TOOL_CHOICE = "tool_choice";
    public static final String IMAGE = "image";
    public static final String TEXT = "text";
    public static final String STRUCTURED_OUTPUTS = "structured_outputs";
    /** Anthropic Messages has no structured output: the schema would be dropped, not honoured. */
    public static final String STRUCTURED_OUTPUTS_TRANSLATION = "structured_outputs_translation";
    public static final String HOSTED_TOOLS = "hosted_tools";
    public static final String MAX_TOKENS = "max_tokens";
    public static final String REASONING = "reasoning";
    public static final String CONTEXT_WINDOW = "context_window";

    /** Tool evidence per target dialect ({@code tool_support.<dialect>}). */
    static final String CHAT_TOOLS = "tools";
    static final String RESPONSES_TOOLS = "function";
    static final String ANTHROPIC_TOOLS = "client_tools";

    private final UpstreamAdapters adapters;

    EligibilityFilter(UpstreamAdapters adapters) {
        this.adapters = adapters;
    }

    public Eligibility filter(List<ResolvedTarget> targets, RequestShape shape, Long estimatedInputTokens) {
        List<ResolvedTarget> eligible = new ArrayList<>(targets.size());
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Set<String> requirements = new LinkedHashSet<>();
        boolean overCapRerouted = false;
        for (ResolvedTarget target : targets) {
            List<String> fails = check(target, shape, estimatedInputTokens);
            if (fails.isEmpty()) {
                eligible.add(target);
            } else {
                missing.put(target.label(), fails);
                requirements.addAll(fails);
                overCapRerouted |= overCap(target, shape) && target.rerouteOverCap();
            }
        }
        return new Eligibility(List.copyOf(eligible), missing, List.copyOf(requirements), overCapRerouted);
    }

    List<String> check(ResolvedTarget target, RequestShape shape, Long estimatedInputTokens) {
        List<String> fails = new ArrayList<>(2);
        Dialect dialect = target.dialect();
        if (!adapters.supports(dialect)) {
            fails.add(dialect.wireName() + "_adapter");
            return fails;
        }
        boolean translated = dialect != shape.dialect();
        CatalogModel model = target.model();
        List<String> toolEvidence = toolEvidence(model, dialect);
        if (shape.toolCount() > 0 && !toolEvidence.contains(toolMode(dialect))) {
            fails.add(TOOLS);
        }
        if (shape.forcedToolChoice() && dialect == Dialect.OPENAI_CHAT && !toolEvidence.contains(TOOL_CHOICE)) {
            fails.add(TOOL_CHOICE);
        }
        if (shape.hostedTools() && translated) {
            fails.add(HOSTED_TOOLS);
        }
        if (shape.structuredOutput()) {
            if (dialect == Dialect.ANTHROPIC_MESSAGES) {
                fails.add(STRUCTURED_OUTPUTS_TRANSLATION);
            } else if (!toolEvidence.contains(STRUCTURED_OUTPUTS)) {
                fails.add(STRUCTURED_OUTPUTS);
            }
        }
        if (dialect != Dialect.OPENAI_RESPONSES) {
            fails.addAll(shape.responsesState());
        }
        if (shape.imageCount() > 0 && !model.inputModalities().contains(IMAGE)) {
            fails.add(IMAGE);
        }
        if (shape.hasText() && !model.inputModalities().contains(TEXT)) {
            fails.add(TEXT);
        }
        if (shape.maxOutputTokens() != null
                && (!Boolean.TRUE.equals(model.honorsMaxTokens())
                        || (overCap(target, shape) && target.rerouteOverCap()))) {
            fails.add(MAX_TOKENS);
        }
        if (shape.reasoning() && (model.reasoning() == null || !model.reasoning().supported())) {
            fails.add(REASONING);
        }
        if (model.contextTokens() != null && estimatedInputTokens != null) {
            long needed = estimatedInputTokens + effectiveCap(target, shape);
            if (needed > model.contextTokens()) {
                fails.add(CONTEXT_WINDOW);
            }
        }
        return fails;
    }

    /** The request asks for more output than the target produces. */
    static boolean overCap(ResolvedTarget target, RequestShape shape) {
        return shape.maxOutputTokens() != null && target.maxOutputTokens() != null
                && shape.maxOutputTokens() > target.maxOutputTokens();
    }

    /** The output reserve a clamped request really asks of this target. */
    private static long effectiveCap(ResolvedTarget target, RequestShape shape) {
        if (shape.maxOutputTokens() == null) {
            return 0;
        }
        return overCap(target, shape) ? target.maxOutputTokens() : shape.maxOutputTokens();
    }

    private static String toolMode(Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> CHAT_TOOLS;
            case OPENAI_RESPONSES -> RESPONSES_TOOLS;
            case ANTHROPIC_MESSAGES -> ANTHROPIC_TOOLS;
        };
    }

    private static List<String> toolEvidence(CatalogModel model, Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> model.toolSupport().openaiChat();
            case OPENAI_RESPONSES -> model.toolSupport().openaiResponses();
            case ANTHROPIC_MESSAGES -> model.toolSupport().anthropicMessages();
        };
    }
}
