package dev.switchboard.simulator.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Scripted behaviour of the simulator. Every key can also be set from the environment ({@code SIMULATOR_*}). */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Added before every answer; the request header {@code x-sim-latency-ms} overrides it. */
    @WithDefault("0")
    long latencyMs();

    /** Pause between two streamed events; the request header {@code x-sim-chunk-delay-ms} overrides it. */
    @WithDefault("0")
    long streamChunkDelayMs();

    /** When set, requests must present this key; unset accepts any credential or none. Never logged. */
    Optional<String> expectedApiKey();

    /** Extra latency of the {@code sim-slow} scenario, on top of the ordinary latency. */
    @WithDefault("2000")
    long slowLatencyMs();

    /** A hanging request is cut after this long so that a client without a timeout cannot pin it forever. */
    @WithDefault("300000")
    long hangMaxMs();

    /** Largest request body accepted (base64 images make bodies large). */
    @WithDefault("33554432")
    long maxBodyBytes();
}
