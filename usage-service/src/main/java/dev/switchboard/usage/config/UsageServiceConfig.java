package dev.switchboard.usage.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed view of the {@code switchboard.*} keys this service reads. */
@ConfigMapping(prefix = "switchboard")
public interface UsageServiceConfig {

    Internal internal();

    Ingest ingest();

    interface Internal {
        /** Shared secret expected in {@code x-sb-internal-token}; no default outside dev/test profiles. */
        String token();
    }

    interface Ingest {
        /** First pause before a batch is written again after a transient database failure. */
        @WithDefault("PT0.2S")
        Duration retryInitialBackoff();

        /** Longest pause between two tries; the consumer keeps trying and never drops a valid event. */
        @WithDefault("PT30S")
        Duration retryMaxBackoff();

        /** Ceiling for one summary window, so that a report cannot scan years of rows. */
        @WithDefault("P366D")
        Duration maxSummaryWindow();
    }
}
