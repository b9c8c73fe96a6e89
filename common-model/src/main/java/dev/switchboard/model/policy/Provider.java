package dev.switchboard.model.policy;

import java.util.Map;

/**
 * An upstream endpoint speaking one dialect. Keys are references only: {@code api_key: ${ENV_VAR}} or
 * {@code api_key_env: ENV_VAR}; a literal key is refused by the validator so it never lands in a stored set.
 *
 * @param keyId a safe label for the key, shown in diagnostics instead of the key
 */
public record Provider(
        String baseUrl,
        String dialect,
        String apiKey,
        String apiKeyEnv,
        String keyId,
        Map<String, String> headers,
        Map<String, CatalogModel> models) {

    public Provider {
        headers = headers == null ? Map.of() : headers;
        models = models == null ? Map.of() : models;
    }

    /** The environment variable holding this provider's key, or {@code null} when it sends no key (mesh/mTLS). */
    public String keyEnvironmentVariable() {
        if (apiKeyEnv != null && !apiKeyEnv.isBlank()) {
            return apiKeyEnv.trim();
        }
        if (apiKey != null && apiKey.startsWith("${") && apiKey.endsWith("}")) {
            return apiKey.substring(2, apiKey.length() - 1).trim();
        }
        return null;
    }
}
