package dev.switchboard.reports.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed view of the {@code switchboard.*} keys this service reads. */
@ConfigMapping(prefix = "switchboard")
public interface ReportsConfig {

    Internal internal();

    Usage usage();

    interface Internal {
        /** Shared secret of internal hops, checked on the way in and sent to usage-service on the way out. */
        String token();
    }

    interface Usage {
        /** Base URL of usage-service (also read by the REST client configuration). */
        @WithDefault("http://127.0.0.1:8082")
        String url();

        /** Longest report window a caller may ask for. */
        @WithDefault("P366D")
        Duration maxWindow();
    }
}
