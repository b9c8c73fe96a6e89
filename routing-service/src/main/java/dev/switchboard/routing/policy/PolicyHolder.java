package dev.switchboard.routing.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.switchboard.model.policy.CompiledPolicy;
import dev.switchboard.model.policy.InvalidPolicyException;
import dev.switchboard.model.policy.PolicySets;
import dev.switchboard.routing.RoutingConfig;

/**
 * The policy snapshot the data plane routes with. Requests read it once and keep that snapshot for their whole life,
 * so a swap (bootstrap today, the control plane's Kafka topic later) never mixes two versions in one request.
 */
@Singleton
public class PolicyHolder {

    private static final Logger LOG = Logger.getLogger(PolicyHolder.class);

    private final AtomicReference<CompiledPolicy> current = new AtomicReference<>();
    private final AtomicReference<String> loadProblem = new AtomicReference<>("no policy loaded yet");
    private final List<Consumer<CompiledPolicy>> listeners = new CopyOnWriteArrayList<>();
    private final RoutingConfig config;

    PolicyHolder(RoutingConfig config) {
        this.config = config;
    }

    void loadBootstrap(@Observes StartupEvent start) {
        Optional<String> file = config.policy().bootstrapFile().filter(f -> !f.isBlank());
        if (file.isEmpty()) {
            loadProblem.set("switchboard.policy.bootstrap-file is not set");
            LOG.warn("no bootstrap policy file configured; not ready until a policy set is published");
            return;
        }
        Path path = Path.of(file.get());
        try {
            CompiledPolicy policy = PolicySets.compile(Files.readString(path));
            swap(policy);
            LOG.infof("bootstrap policy loaded: version=%s fingerprint=%s groups=%d", policy.version(),
                    policy.fingerprint(), policy.groupNames().size());
        } catch (InvalidPolicyException e) {
            // violations name paths and rules, never values, so they are safe to log
            loadProblem.set("bootstrap policy is invalid: " + e.getMessage());
            LOG.errorf("bootstrap policy %s is invalid: %s", path, e.getMessage());
        } catch (IOException e) {
            loadProblem.set("bootstrap policy file cannot be read");
            LOG.errorf("bootstrap policy %s cannot be read: %s", path, e.getClass().getSimpleName());
        }
    }

    /** Replaces the snapshot atomically; requests already in flight finish with the one they started with. */
    public void swap(CompiledPolicy policy) {
        current.set(policy);
        loadProblem.set(null);
        listeners.forEach(l -> l.accept(policy));
    }

    public Optional<CompiledPolicy> current() {
        return Optional.ofNullable(current.get());
    }

    /** Why no policy is available, or {@code null} once one is. */
    public String problem() {
        return loadProblem.get();
    }

    /** Called on every swap (and at once when a snapshot is already present). */
    public void onSwap(Consumer<CompiledPolicy> listener) {
        listeners.add(listener);
        CompiledPolicy now = current.get();
        if (now != null) {
            listener.accept(now);
        }
    }
}
