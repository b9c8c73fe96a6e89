package dev.switchboard.model.policy;

import java.math.BigDecimal;
import java.util.List;

/**
 * A provider catalogue entry ({@code providers.<p>.models.<ref>}): the upstream model id, its prices and what it can
 * do. Catalogue entries carry no traffic until a group target references them. An absent capability means
 * unsupported.
 *
 * @param maxOutputTokens the largest output cap the model accepts; {@code null} when unknown
 */
public record CatalogModel(
        String model,
        String tier,
        BigDecimal inputPricePerMillionUsd,
        BigDecimal outputPricePerMillionUsd,
        String pricingSource,
        String pricingUpdatedAt,
        List<String> inputModalities,
        List<String> outputModalities,
        ToolSupport toolSupport,
        Boolean honorsMaxTokens,
        Integer contextTokens,
        Integer maxOutputTokens,
        Reasoning reasoning) {

    public CatalogModel {
        inputPricePerMillionUsd = inputPricePerMillionUsd == null ? BigDecimal.ZERO : inputPricePerMillionUsd;
        outputPricePerMillionUsd = outputPricePerMillionUsd == null ? BigDecimal.ZERO : outputPricePerMillionUsd;
        inputModalities = inputModalities == null ? List.of("text") : inputModalities;
        outputModalities = outputModalities == null ? List.of("text") : outputModalities;
        toolSupport = toolSupport == null ? ToolSupport.NONE : toolSupport;
        honorsMaxTokens = honorsMaxTokens == null ? Boolean.TRUE : honorsMaxTokens;
    }

    /** Per-dialect tool evidence, e.g. {@code openai_chat: [tools, tool_choice, structured_outputs]}. */
    public record ToolSupport(List<String> openaiChat, List<String> openaiResponses, List<String> anthropicMessages) {
        public static final ToolSupport NONE = new ToolSupport(null, null, null);

        public ToolSupport {
            openaiChat = openaiChat == null ? List.of() : openaiChat;
            openaiResponses = openaiResponses == null ? List.of() : openaiResponses;
            anthropicMessages = anthropicMessages == null ? List.of() : anthropicMessages;
        }
    }

    /** Reasoning controls the model accepts; {@code supported: false} or absent means none. */
    public record Reasoning(Boolean supported, String mode, String control) {
        public Reasoning {
            supported = supported != null && supported;
        }
    }
}
