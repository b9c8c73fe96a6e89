package dev.switchboard.routing.eligibility;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.policy.CatalogModel;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.upstream.UpstreamAdapters;

/**
 * Hard filters applied before any strategy: a target that cannot honour the request's shape never receives it. Each
 * failed check yields a stable requirement label that {@code no-eligible-target} reports.
 */
@ApplicationScoped
public class EligibilityFilter {

    public static final String TOOLS = "tools";
    public static final String TOOL_CHOICE = "tool_choice";
    public static final String IMAGE = "image";
    public static final String TEXT = "text";
    public static final String STRUCTURED_OUTPUTS = "structured_outputs";
    public static final String MAX_TOKENS = "max_tokens";
    public static final String REASONING = "reasoning";
    public static final String CONTEXT_WINDOW = "context_window";

    private final UpstreamAdapters adapters;

    EligibilityFilter(UpstreamAdapters adapters) {
        this.adapters = adapters;
    }

    public Eligibility filter(List<ResolvedTarget> targets, RequestShape shape, Long estimatedInputTokens) {
        List<ResolvedTarget> eligible = new ArrayList<>(targets.size());
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Set<String> requirements = new LinkedHashSet<>();
        for (ResolvedTarget target : targets) {
            List<String> fails = check(target, shape, estimatedInputTokens);
            if (fails.isEmpty()) {
                eligible.add(target);
            } else {
                missing.put(target.label(), fails);
                requirements.addAll(fails);
            }
        }
        return new Eligibility(List.copyOf(eligible), missing, List.copyOf(requirements));
    }

    List<String> check(ResolvedTarget target, RequestShape shape, Long estimatedInputTokens) {
        List<String> fails = new ArrayList<>(2);
        if (!adapters.supports(shape.dialect(), target.dialect())) {
            fails.add(dialectLabel(shape.dialect(), target.dialect()));
            // the remaining checks read capabilities of a dialect this request cannot reach
            return fails;
        }
        CatalogModel model = target.model();
        List<String> toolEvidence = toolEvidence(model, target.dialect());
        if (shape.toolCount() > 0 && !toolEvidence.contains(TOOLS)) {
            fails.add(TOOLS);
        }
        if (shape.forcedToolChoice() && !toolEvidence.contains(TOOL_CHOICE)) {
            fails.add(TOOL_CHOICE);
        }
        if (shape.structuredOutput() && !toolEvidence.contains(STRUCTURED_OUTPUTS)) {
            fails.add(STRUCTURED_OUTPUTS);
        }
        if (shape.imageCount() > 0 && !model.inputModalities().contains(IMAGE)) {
            fails.add(IMAGE);
        }
        if (shape.hasText() && !model.inputModalities().contains(TEXT)) {
            fails.add(TEXT);
        }
        if (shape.maxOutputTokens() != null && !Boolean.TRUE.equals(model.honorsMaxTokens())) {
            fails.add(MAX_TOKENS);
        }
        if (shape.reasoning() && (model.reasoning() == null || !model.reasoning().supported())) {
            fails.add(REASONING);
        }
        if (model.contextTokens() != null && estimatedInputTokens != null) {
            long needed = estimatedInputTokens + (shape.maxOutputTokens() == null ? 0 : shape.maxOutputTokens());
            if (needed > model.contextTokens()) {
                fails.add(CONTEXT_WINDOW);
            }
        }
        return fails;
    }

    /** e.g. {@code anthropic-messages_translation}: the target speaks another dialect and no bridge exists yet. */
    static String dialectLabel(Dialect inbound, Dialect target) {
        return inbound == target ? target.wireName() + "_passthrough" : target.wireName() + "_translation";
    }

    private static List<String> toolEvidence(CatalogModel model, Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> model.toolSupport().openaiChat();
            case OPENAI_RESPONSES -> model.toolSupport().openaiResponses();
            case ANTHROPIC_MESSAGES -> model.toolSupport().anthropicMessages();
        };
    }
}
