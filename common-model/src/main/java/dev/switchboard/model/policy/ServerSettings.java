package dev.switchboard.model.policy;

/**
 * Deployment-wide settings ({@code server.*}).
 *
 * @param defaultModelGroup group used when a request names no model; {@code null} means such requests fail with
 *        {@code missing-model}
 */
public record ServerSettings(String defaultModelGroup, UpstreamSettings upstream) {

    public static final ServerSettings DEFAULTS = new ServerSettings(null, null);

    public ServerSettings {
        upstream = upstream == null ? UpstreamSettings.DEFAULTS : upstream;
    }

    /**
     * @param timeoutMs budget for the whole upstream part of a request, across every attempt
     * @param defaultAttemptTimeoutMs budget of a single attempt unless the group or target overrides it (0 = only the
     *        overall budget applies)
     * @param maxResponseBytes largest non-streaming upstream body accepted
     */
    public record UpstreamSettings(Long timeoutMs, Long defaultAttemptTimeoutMs, Long maxResponseBytes) {
        public static final UpstreamSettings DEFAULTS = new UpstreamSettings(null, null, null);

        public UpstreamSettings {
            timeoutMs = timeoutMs == null ? 600_000L : timeoutMs;
            defaultAttemptTimeoutMs = defaultAttemptTimeoutMs == null ? 0L : defaultAttemptTimeoutMs;
            maxResponseBytes = maxResponseBytes == null ? 32L * 1024 * 1024 : maxResponseBytes;
        }
    }
}
