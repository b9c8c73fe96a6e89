package dev.switchboard.simulator.http;

import io.vertx.core.MultiMap;

import dev.switchboard.simulator.config.SimulatorConfig;
import dev.switchboard.simulator.scenario.Failure;

/** Latency before the answer and pause between stream events: configuration, overridden per request by headers. */
public record Delays(long latencyMs, long chunkDelayMs) {

    static final long MAX_DELAY_MS = 600_000;

    /** @throws Failure.Rejected when a delay header is not an integer between 0 and {@value #MAX_DELAY_MS} */
    public static Delays of(SimulatorConfig config, MultiMap headers) {
        return new Delays(header(headers, SimHeaders.LATENCY_MS, config.latencyMs()),
                header(headers, SimHeaders.CHUNK_DELAY_MS, config.streamChunkDelayMs()));
    }

    private static long header(MultiMap headers, String name, long fallback) {
        String value = headers.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            long ms = Long.parseLong(value.trim());
            if (ms >= 0 && ms <= MAX_DELAY_MS) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // rejected below
        }
        throw Failure.invalidRequest(name + " must be an integer between 0 and " + MAX_DELAY_MS + ".", name)
                .rejection();
    }
}
