package dev.switchboard.model.policy;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.security.TokenHasher;

/**
 * The rules between fields of a {@link PolicySet}. Returns every violation with a precise path; never echoes secret
 * values (a duplicated token hash is reported by caller ids only).
 */
public final class PolicyValidator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> MODALITIES = Set.of("text", "image", "audio", "video");

    private final List<PolicyViolation> violations = new ArrayList<>();

    private PolicyValidator() {
    }

    public static List<PolicyViolation> validate(PolicySet set) {
        PolicyValidator v = new PolicyValidator();
        v.providers(set.providers());
        v.groups(set);
        v.callers(set);
        v.server(set);
        return List.copyOf(v.violations);
    }

    private void fail(String path, String message) {
        violations.add(new PolicyViolation(path, message));
    }

    private void providers(Map<String, Provider> providers) {
        if (providers.isEmpty()) {
            fail("providers", "at least one provider is required");
        }
        providers.forEach((name, p) -> {
            String path = "providers." + name;
            if (!NAME.matcher(name).matches()) {
                fail(path, "invalid provider name");
            }
            if (p == null) {
                fail(path, "provider is empty");
                return;
            }
            baseUrl(path + ".base_url", p.baseUrl());
            if (p.dialect() == null) {
                fail(path + ".dialect", "required (openai-chat, openai-responses or anthropic-messages)");
            } else if (Dialect.fromWireName(p.dialect()).isEmpty()) {
                fail(path + ".dialect", "unknown dialect '" + p.dialect() + "'");
            }
            if (p.apiKey() != null && !(p.apiKey().startsWith("${") && p.apiKey().endsWith("}"))) {
                // never echo the value: it may be a real key pasted by mistake
                fail(path + ".api_key", "literal keys are not allowed; use ${ENV_VAR} or api_key_env");
            } else if (p.apiKey() != null && !ENV_VAR.matcher(p.keyEnvironmentVariable()).matches()) {
                fail(path + ".api_key", "not a valid environment variable reference");
            }
            if (p.apiKeyEnv() != null && !ENV_VAR.matcher(p.apiKeyEnv().trim()).matches()) {
                fail(path + ".api_key_env", "not a valid environment variable name");
            }
            if (p.apiKey() != null && p.apiKeyEnv() != null) {
                fail(path, "set either api_key or api_key_env, not both");
            }
            if (p.models().isEmpty()) {
                fail(path + ".models", "at least one model is required");
            }
            p.models().forEach((ref, m) -> catalogModel(path + ".models." + ref, ref, m));
        });
    }

    private void baseUrl(String path, String url) {
        if (url == null || url.isBlank()) {
            fail(path, "required");
            return;
        }
        try {
            URI uri = URI.create(url.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                fail(path, "must be an absolute http(s) URL");
            } else if (uri.getUserInfo() != null || uri.getQuery() != null) {
                fail(path, "must not carry credentials or a query string");
            }
        } catch (IllegalArgumentException e) {
            fail(path, "must be an absolute http(s) URL");
        }
    }

    private void catalogModel(String path, String ref, CatalogModel m) {
        if (!NAME.matcher(ref).matches()) {
            fail(path, "invalid model reference name");
        }
        if (m == null) {
            fail(path, "model entry is empty");
            return;
        }
        if (m.model() == null || m.model().isBlank()) {
            fail(path + ".model", "required (the upstream model id)");
        }
        nonNegative(path + ".input_price_per_million_usd", m.inputPricePerMillionUsd());
        nonNegative(path + ".output_price_per_million_usd", m.outputPricePerMillionUsd());
        for (int i = 0; i < m.inputModalities().size(); i++) {
            if (!MODALITIES.contains(m.inputModalities().get(i))) {
                fail(path + ".input_modalities[" + i + "]", "unknown modality '" + m.inputModalities().get(i) + "'");
            }
        }
        positive(path + ".context_tokens", m.contextTokens());
        positive(path + ".max_output_tokens", m.maxOutputTokens());
    }

    private void groups(PolicySet set) {
        if (set.models().isEmpty()) {
            fail("models", "at least one model group is required");
        }
        set.models().forEach((name, group) -> {
            String path = "models." + name;
            if (!NAME.matcher(name).matches()) {
                fail(path, "invalid group name");
            }
            if (group == null) {
                fail(path, "group is empty");
                return;
            }
            Strategy strategy = Strategy.fromName(group.strategy()).orElse(null);
            if (strategy == null) {
                fail(path + ".strategy", "unknown strategy '" + group.strategy() + "' (static, failover, weighted)");
            }
            nonNegative(path + ".attempt_timeout_ms", group.attemptTimeoutMs());
            List<Target> targets = group.targets();
            if (targets.isEmpty()) {
                fail(path + ".targets", "at least one target is required");
            }
            if (strategy == Strategy.STATIC && targets.size() > 1) {
                fail(path + ".targets", "strategy 'static' takes exactly one target");
            }
            if (strategy == Strategy.WEIGHTED && !targets.isEmpty()
                    && targets.stream().allMatch(t -> t != null && t.weight() == 0)) {
                fail(path + ".targets", "strategy 'weighted' needs at least one target with weight > 0");
            }
            for (int i = 0; i < targets.size(); i++) {
                target(path + ".targets[" + i + "]", targets.get(i), set.providers());
            }
        });
    }

    private void target(String path, Target t, Map<String, Provider> providers) {
        if (t == null) {
            fail(path, "target is empty");
            return;
        }
        Provider provider = t.provider() == null ? null : providers.get(t.provider());
        if (t.provider() == null) {
            fail(path + ".provider", "required");
        } else if (provider == null) {
            fail(path + ".provider", "unknown provider '" + t.provider() + "'");
        }
        if (t.modelRef() == null) {
            fail(path + ".model_ref", "required");
        } else if (provider != null && !provider.models().containsKey(t.modelRef())) {
            fail(path + ".model_ref", "provider '" + t.provider() + "' has no model '" + t.modelRef() + "'");
        }
        if (t.weight() < 0) {
            fail(path + ".weight", "must be 0 or more");
        }
        if (t.dialect() != null && Dialect.fromWireName(t.dialect()).isEmpty()) {
            fail(path + ".dialect", "unknown dialect '" + t.dialect() + "'");
        }
        nonNegative(path + ".attempt_timeout_ms", t.attemptTimeoutMs());
        positive(path + ".max_output_tokens", t.maxOutputTokens());
        if (!Target.CLAMP.equals(t.overCap()) && !Target.REROUTE.equals(t.overCap())) {
            fail(path + ".over_cap", "must be 'clamp' or 'reroute'");
        }
    }

    private void callers(PolicySet set) {
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> tokenIds = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        List<Caller> callers = set.callers();
        for (int i = 0; i < callers.size(); i++) {
            Caller c = callers.get(i);
            String path = "callers[" + i + "]";
            if (c == null) {
                fail(path, "caller is empty");
                continue;
            }
            required(path + ".id", c.id());
            if (c.id() != null && ids.putIfAbsent(c.id(), i) != null) {
                fail(path + ".id", "duplicate caller id '" + c.id() + "'");
            }
            required(path + ".owner_user", c.ownerUser());
            if (c.user() != null && !c.user().equals(c.ownerUser())) {
                fail(path + ".user", "deprecated alias of owner_user and must match it");
            }
            required(path + ".project", c.project());
            required(path + ".environment", c.environment());
            required(path + ".token_id", c.tokenId());
            if (c.tokenId() != null && tokenIds.putIfAbsent(c.tokenId(), i) != null) {
                fail(path + ".token_id", "duplicate token_id");
            }
            if (KeyStatus.fromName(c.status()).isEmpty()) {
                fail(path + ".status",
                        "unknown status '" + c.status() + "' (active, disabled, suspended, expired, rotated)");
            }
            if (c.tokenSha256() == null) {
                fail(path + ".token_sha256", "required (SHA-256 hex of the router token)");
            } else if (!TokenHasher.isSha256Hex(c.tokenSha256().trim())) {
                fail(path + ".token_sha256", "must be 64 hexadecimal characters");
            } else {
                String other = hashes.putIfAbsent(TokenHasher.normalise(c.tokenSha256()), String.valueOf(c.id()));
                if (other != null) {
                    fail(path + ".token_sha256", "same token hash as caller '" + other + "'");
                }
            }
            positive(path + ".rate.rpm", c.rate().rpm());
            positive(path + ".rate.concurrent", c.rate().concurrent());
            for (int a = 0; a < c.allow().size(); a++) {
                String group = c.allow().get(a);
                if (!"*".equals(group) && !set.models().containsKey(group)) {
                    fail(path + ".allow[" + a + "]", "unknown model group '" + group + "'");
                }
            }
        }
    }

    private void server(PolicySet set) {
        String def = set.server().defaultModelGroup();
        if (def != null && !set.models().containsKey(def)) {
            fail("server.default_model_group", "unknown model group '" + def + "'");
        }
        ServerSettings.UpstreamSettings up = set.server().upstream();
        positive("server.upstream.timeout_ms", up.timeoutMs());
        nonNegative("server.upstream.default_attempt_timeout_ms", up.defaultAttemptTimeoutMs());
        positive("server.upstream.max_response_bytes", up.maxResponseBytes());
    }

    private void required(String path, String value) {
        if (value == null || value.isBlank()) {
            fail(path, "required");
        }
    }

    private void nonNegative(String path, Number value) {
        if (value != null && new BigDecimal(value.toString()).signum() < 0) {
            fail(path, "must be 0 or more");
        }
    }

    private void positive(String path, Number value) {
        if (value != null && new BigDecimal(value.toString()).signum() <= 0) {
            fail(path, "must be greater than 0");
        }
    }
}
