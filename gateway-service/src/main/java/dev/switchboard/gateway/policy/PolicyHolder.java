package dev.switchboard.gateway.policy;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.switchboard.model.policy.CompiledPolicy;

/**
 * The policy snapshot the gateway admits requests with. A request reads it once and keeps that snapshot to the end,
 * so a swap (bootstrap today, the policy topic later) never mixes two versions within one request.
 */
@Singleton
public class PolicyHolder {

    private static final Logger LOG = Logger.getLogger(PolicyHolder.class);

    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    /** @param activatedAt when this gateway started using the policy */
    public record Snapshot(CompiledPolicy policy, Instant activatedAt) {
    }

    /** The active policy, or {@code null} before the first one arrived. */
    public CompiledPolicy current() {
        Snapshot s = current.get();
        return s == null ? null : s.policy();
    }

    public Optional<Snapshot> snapshot() {
        return Optional.ofNullable(current.get());
    }

    public void activate(CompiledPolicy policy) {
        Snapshot previous = current.getAndSet(new Snapshot(policy, Instant.now()));
        LOG.infof("policy %s (%s) active, replacing %s", policy.version(), policy.fingerprint(),
                previous == null ? "nothing" : previous.policy().version());
    }
}
