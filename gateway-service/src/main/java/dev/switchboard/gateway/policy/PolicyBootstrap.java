package dev.switchboard.gateway.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.model.policy.InvalidPolicyException;
import dev.switchboard.model.policy.PolicySets;

/**
 * Loads the bootstrap policy set at startup. An invalid file stops the gateway: serving with a policy the operator did
 * not intend is worse than not starting.
 */
@Singleton
public class PolicyBootstrap {

    private static final Logger LOG = Logger.getLogger(PolicyBootstrap.class);

    private final GatewayConfig config;
    private final PolicyHolder holder;

    PolicyBootstrap(GatewayConfig config, PolicyHolder holder) {
        this.config = config;
        this.holder = holder;
    }

    void onStart(@Observes StartupEvent event) {
        config.policy().bootstrapFile().ifPresentOrElse(this::load,
                () -> LOG.warn("no switchboard.policy.bootstrap-file: not ready until a policy set arrives"));
    }

    private void load(Path file) {
        try {
            holder.activate(PolicySets.compile(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bootstrap policy " + file, e);
        } catch (InvalidPolicyException e) {
            // violations carry paths and safe messages only (never token hashes or keys)
            throw new IllegalStateException("bootstrap policy " + file + " is invalid: " + e.getMessage(), e);
        }
    }
}
