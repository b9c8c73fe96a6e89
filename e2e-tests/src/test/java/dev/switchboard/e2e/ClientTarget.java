package dev.switchboard.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The target dialects the client tests route to: one provider per dialect, all on the same simulator, each with two
 * groups: {@link #group()} (text and tools) and {@link #visionGroup()} (image input, on a {@code -vision} model: the
 * simulator accepts images for those only).
 */
enum ClientTarget {
    CHAT("openai-chat", "sim-chat", "gpt-sim", "openai_chat: [tools, tool_choice, structured_outputs]",
            "effort_enum"), RESPONSES("openai-responses", "sim-responses", "gpt-sim-responses",
                    "openai_responses: [function, tools, tool_choice, structured_outputs]",
                    "effort_enum"), MESSAGES("anthropic-messages", "sim-anthropic", "claude-sim",
                            "anthropic_messages: [client_tools, tools, tool_choice]", "token_budget");

    private final String dialect;
    private final String provider;
    private final String model;
    private final String toolSupport;
    private final String reasoningControl;

    ClientTarget(String dialect, String provider, String model, String toolSupport, String reasoningControl) {
        this.dialect = dialect;
        this.provider = provider;
        this.model = model;
        this.toolSupport = toolSupport;
        this.reasoningControl = reasoningControl;
    }

    String dialect() {
        return dialect;
    }

    String provider() {
        return provider;
    }

    /** The upstream model id the simulator sees for {@link #group()}. */
    String model() {
        return model;
    }

    String visionModel() {
        return model + "-vision";
    }

    String group() {
        return "clients-" + name().toLowerCase();
    }

    String visionGroup() {
        return group() + "-vision";
    }

    @Override
    public String toString() {
        return dialect;
    }

    static List<String> groups() {
        return Arrays.stream(values()).flatMap(t -> Stream.of(t.group(), t.visionGroup())).toList();
    }

    /**
     * This target's provider, for {@code providers}. Agents send reasoning settings (Codex {@code reasoning.summary},
     * Claude Code {@code thinking}), so every model accepts them; {@code tool_support} names both the documented
     * evidence of the dialect and the {@code tools} label.
     */
    String providerYaml(String simulatorBaseUrl) {
        return """
                  %1$s:
                    base_url: %2$s
                    dialect: %3$s
                    api_key_env: E2E_SIM_KEY
                    models:
                      clients:
                        model: %4$s
                        tool_support: {%5$s}
                        reasoning: {supported: true, mode: opt_in, control: %6$s}
                      clients-vision:
                        model: %4$s-vision
                        input_modalities: [text, image]
                        tool_support: {%5$s}
                        reasoning: {supported: true, mode: opt_in, control: %6$s}
                """.formatted(provider, simulatorBaseUrl, dialect, model, toolSupport, reasoningControl);
    }

    /** This target's two groups, for {@code models}. */
    String groupsYaml() {
        return """
                  %1$s:
                    strategy: static
                    targets:
                      - {provider: %3$s, model_ref: clients}
                  %2$s:
                    strategy: static
                    targets:
                      - {provider: %3$s, model_ref: clients-vision}
                """.formatted(group(), visionGroup(), provider);
    }
}
