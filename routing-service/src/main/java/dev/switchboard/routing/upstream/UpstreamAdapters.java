package dev.switchboard.routing.upstream;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.switchboard.model.dialect.Dialect;

/** The adapters available in this build, by target dialect. */
@Singleton
public class UpstreamAdapters {

    private final Map<Dialect, UpstreamAdapter> byTarget = new EnumMap<>(Dialect.class);

    @Inject
    UpstreamAdapters(Instance<UpstreamAdapter> adapters) {
        this((Iterable<UpstreamAdapter>) adapters);
    }

    private UpstreamAdapters(Iterable<UpstreamAdapter> adapters) {
        for (UpstreamAdapter a : adapters) {
            byTarget.put(a.targetDialect(), a);
        }
    }

    /** Outside CDI (unit tests). */
    public static UpstreamAdapters of(UpstreamAdapter... adapters) {
        return new UpstreamAdapters(List.of(adapters));
    }

    /** Every caller dialect can reach a target whose dialect has an adapter: translation covers the rest. */
    public boolean supports(Dialect target) {
        return byTarget.containsKey(target);
    }

    /** Only called for targets that passed eligibility, which checked {@link #supports}. */
    public UpstreamAdapter forTarget(Dialect target) {
        UpstreamAdapter a = byTarget.get(target);
        if (a == null) {
            throw new IllegalStateException("no upstream adapter for " + target);
        }
        return a;
    }
}
