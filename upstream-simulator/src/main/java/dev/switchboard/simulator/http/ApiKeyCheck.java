package dev.switchboard.simulator.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.simulator.config.SimulatorConfig;

/** Compares the presented credential with {@code simulator.expected-api-key}, in constant time. */
@ApplicationScoped
public class ApiKeyCheck {

    private final byte[] expected;

    ApiKeyCheck(SimulatorConfig config) {
        this.expected = config.expectedApiKey()
                .filter(key -> !key.isBlank())
                .map(key -> key.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    public boolean enabled() {
        return expected != null;
    }

    /** @param presented the credential the caller sent, or {@code null} for none */
    public boolean accepts(String presented) {
        if (expected == null) {
            return true;
        }
        return presented != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }
}
