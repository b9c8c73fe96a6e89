package dev.switchboard.simulator.http;

/** Request and response headers the simulator understands or sets. */
public final class SimHeaders {

    /** Request: selects the scenario, wins over the model. Response: the scenario that answered. */
    public static final String SCENARIO = "x-sim-scenario";
    public static final String LATENCY_MS = "x-sim-latency-ms";
    public static final String CHUNK_DELAY_MS = "x-sim-chunk-delay-ms";
    public static final String REQUEST_ID = "x-request-id";
    public static final String AUTHORIZATION = "authorization";
    /** Anthropic's credential header; counts as "authorization present" in the stats. */
    public static final String API_KEY = "x-api-key";

    public static final String ANTHROPIC_VERSION = "anthropic-version";
    public static final String ANTHROPIC_BETA = "anthropic-beta";

    private SimHeaders() {
    }
}
