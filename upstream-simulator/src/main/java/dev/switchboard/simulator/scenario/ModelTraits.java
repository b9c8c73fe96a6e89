package dev.switchboard.simulator.scenario;

/**
 * Capabilities a model name asks for, independent of the scenario: {@code -vision} accepts images, {@code -reasoning}
 * thinks before it answers ({@code sim-echo-vision}, {@code sim-echo-reasoning:b}, {@code sim-429-vision}).
 */
public final class ModelTraits {

    static final String VISION = "-vision";
    static final String REASONING = "-reasoning";

    private ModelTraits() {
    }

    public static boolean vision(String model) {
        return model != null && model.contains(VISION);
    }

    public static boolean reasoning(String model) {
        return model != null && model.contains(REASONING);
    }

    /** The model name without its capability suffixes, to find the scenario it names. */
    static String withoutTraits(String model) {
        return model.replace(VISION, "").replace(REASONING, "");
    }
}
