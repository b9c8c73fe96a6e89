package dev.switchboard.routing.upstream;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.switchboard.model.dialect.Dialect;

/** The adapters available in this build, by target dialect. */
@ApplicationScoped
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
        return new UpstreamAdapters(java.util.List.of(adapters));
    }

    public boolean supports(Dialect inbound, Dialect target) {
        UpstreamAdapter a = byTarget.get(target);
        return a != null && a.accepts(inbound);
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
