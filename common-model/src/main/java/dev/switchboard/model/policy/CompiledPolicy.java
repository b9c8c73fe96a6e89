package dev.switchboard.model.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.security.TokenHasher;

/**
 * A validated policy set, indexed for the request path: callers by token hash, groups with their targets resolved.
 * Immutable, so services can swap snapshots atomically.
 */
public final class CompiledPolicy {

    private final PolicySet source;
    private final String fingerprint;
    private final Map<String, Caller> callersByHash;
    private final Map<String, List<ResolvedTarget>> targetsByGroup;

    private CompiledPolicy(PolicySet source, String fingerprint) {
        this.source = source;
        this.fingerprint = fingerprint;
        Map<String, Caller> callers = new HashMap<>();
        for (Caller c : source.callers()) {
            callers.put(TokenHasher.normalise(c.tokenSha256()), c);
        }
        this.callersByHash = Map.copyOf(callers);
        Map<String, List<ResolvedTarget>> groups = new LinkedHashMap<>();
        long serverDefault = source.server().upstream().defaultAttemptTimeoutMs();
        source.models().forEach((name, group) -> {
            List<ResolvedTarget> resolved = new ArrayList<>();
            for (int i = 0; i < group.targets().size(); i++) {
                Target t = group.targets().get(i);
                Provider p = source.providers().get(t.provider());
                Dialect dialect = Dialect.fromWireName(t.dialect() != null ? t.dialect() : p.dialect()).orElseThrow();
                long timeout = t.attemptTimeoutMs() != null
                        ? t.attemptTimeoutMs()
                        : group.attemptTimeoutMs() != null ? group.attemptTimeoutMs() : serverDefault;
                CatalogModel model = p.models().get(t.modelRef());
                Integer cap = t.maxOutputTokens() != null ? t.maxOutputTokens() : model.maxOutputTokens();
                resolved.add(new ResolvedTarget(name, i, t.provider(), p, t.modelRef(), model, dialect, t.weight(),
                        timeout, cap, Target.REROUTE.equals(t.overCap())));
            }
            groups.put(name, List.copyOf(resolved));
        });
        this.targetsByGroup = java.util.Collections.unmodifiableMap(groups);
    }

    /** Callers must pass a set that {@link PolicyValidator} accepted; {@link PolicySets#compile} does both. */
    static CompiledPolicy of(PolicySet set, String fingerprint) {
        return new CompiledPolicy(set, fingerprint);
    }

    public PolicySet source() {
        return source;
    }

    /** The operator's version label when present, otherwise the fingerprint. */
    public String version() {
        return source.version() != null ? source.version() : fingerprint;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Optional<Caller> callerByTokenHash(String sha256Hex) {
        return Optional.ofNullable(callersByHash.get(sha256Hex));
    }

    public Optional<Caller> callerByToken(String token) {
        return callerByTokenHash(TokenHasher.sha256Hex(token));
    }

    public Optional<ModelGroup> group(String name) {
        return Optional.ofNullable(source.models().get(name));
    }

    /** Targets of a group in listed order; empty for an unknown group. */
    public List<ResolvedTarget> targets(String group) {
        return targetsByGroup.getOrDefault(group, List.of());
    }

    /** Group names in the order the operator listed them. */
    public List<String> groupNames() {
        return List.copyOf(targetsByGroup.keySet());
    }
}
