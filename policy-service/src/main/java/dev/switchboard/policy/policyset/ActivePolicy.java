package dev.switchboard.policy.policyset;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.switchboard.model.policy.CompiledPolicy;
import dev.switchboard.model.policy.InvalidPolicyException;
import dev.switchboard.model.policy.PolicySets;
import dev.switchboard.policy.config.PolicyServiceConfig;

/**
 * The policy set currently in force. Seeded from the bootstrap file; the versioned lifecycle (draft, validated,
 * active, retired, rollback) stored in PostgreSQL replaces this seed in a later step.
 */
@ApplicationScoped
public class ActivePolicy {

    private static final Logger LOG = Logger.getLogger(ActivePolicy.class);

    public record Snapshot(CompiledPolicy policy, Instant activatedAt, String source) {
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final PolicyServiceConfig config;

    ActivePolicy(PolicyServiceConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        config.policy().bootstrapFile().ifPresent(file -> {
            try {
                CompiledPolicy policy = PolicySets.compile(Path.of(file));
                current.set(new Snapshot(policy, Instant.now(), "bootstrap-file"));
                LOG.infof("active policy set %s (%s) from the bootstrap file", policy.version(), policy.fingerprint());
            } catch (InvalidPolicyException e) {
                LOG.errorf("bootstrap policy set is invalid: %s", e.getMessage());
            } catch (IOException e) {
                LOG.errorf("bootstrap policy set cannot be read: %s", e.getClass().getSimpleName());
            }
        });
    }

    public Optional<Snapshot> current() {
        return Optional.ofNullable(current.get());
    }
}
