package dev.switchboard.model.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A catalogued failure on its way to a caller. The message and details must be safe to show: never prompts, tokens,
 * hashes, provider keys or upstream bodies.
 *
 * @param retryAfterSeconds value for the {@code Retry-After} header, or {@code null} when not calculable
 */
public record GatewayError(ErrorType type, String message, Map<String, Object> details, Long retryAfterSeconds) {

    public GatewayError {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static GatewayError of(ErrorType type, String message) {
        return new GatewayError(type, message, Map.of(), null);
    }

    public GatewayError withDetail(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(key, value);
        return new GatewayError(type, message, copy, retryAfterSeconds);
    }

    public GatewayError withRetryAfter(long seconds) {
        return new GatewayError(type, message, details, seconds);
    }

    public int status() {
        return type.status();
    }

    /** Carries a {@link GatewayError} through reactive pipelines. No stack trace: these are expected outcomes. */
    public static final class Failure extends RuntimeException {
        private final GatewayError error;

        public Failure(GatewayError error) {
            super(error.type().type() + ": " + error.message(), null, false, false);
            this.error = error;
        }

        public GatewayError error() {
            return error;
        }
    }

    public Failure asException() {
        return new Failure(this);
    }
}
