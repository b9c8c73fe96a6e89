package dev.switchboard.policy.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "switchboard")
public interface PolicyServiceConfig {

    Internal internal();

    Policy policy();

    interface Internal {
        /** Shared secret of internal hops ({@code x-sb-internal-token}); no default outside dev and test. */
        String token();
    }

    interface Policy {
        /** The YAML policy set that seeds the first active version. */
        @WithName("bootstrap-file")
        Optional<String> bootstrapFile();
    }
}
