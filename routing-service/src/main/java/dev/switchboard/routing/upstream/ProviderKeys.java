package dev.switchboard.routing.upstream;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.switchboard.model.policy.Provider;

/**
 * Provider keys, resolved from the environment variable the policy names ({@code api_key: ${VAR}} or
 * {@code api_key_env}) through MicroProfile Config, once per variable. The values never leave this class except into
 * the upstream request's auth header.
 */
@Singleton
public class ProviderKeys {

    private static final Logger LOG = Logger.getLogger(ProviderKeys.class);

    private final ConcurrentHashMap<String, Optional<String>> byVariable = new ConcurrentHashMap<>();

    /** @return the key, or empty when the provider sends none (mesh/mTLS) or the variable is unset */
    public Optional<String> keyFor(String providerName, Provider provider) {
        String variable = provider.keyEnvironmentVariable();
        if (variable == null) {
            return Optional.empty();
        }
        return byVariable.computeIfAbsent(variable, v -> {
            Optional<String> value = ConfigProvider.getConfig()
                    .getOptionalValue(v, String.class)
                    .map(String::trim)
                    .filter(s -> !s.isEmpty());
            if (value.isEmpty()) {
                LOG.warnf("provider '%s' names key variable %s, which is not set: calling it without a key",
                        providerName, v);
            }
            return value;
        });
    }
}
