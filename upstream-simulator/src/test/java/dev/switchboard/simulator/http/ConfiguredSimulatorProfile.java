package dev.switchboard.simulator.http;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A simulator with an expected API key and a configured latency, logging to a file the test can inspect. */
public class ConfiguredSimulatorProfile implements QuarkusTestProfile {

    static final String KEY = "sk-sim-test-4b1d9e";
    static final long LATENCY_MS = 1000;
    static final String LOG_FILE = "target/configured-simulator.log";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("simulator.expected-api-key", KEY,
                "simulator.latency-ms", Long.toString(LATENCY_MS),
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE,
                "quarkus.log.category.\"dev.switchboard\".level", "DEBUG");
    }
}
