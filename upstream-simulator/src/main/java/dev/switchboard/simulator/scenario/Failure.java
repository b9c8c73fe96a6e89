package dev.switchboard.simulator.scenario;

/**
 * A scripted or real failure answer, before a dialect renders it. Messages are fixed texts or name a field: they
 * never carry request content or credentials.
 *
 * @param param the offending request field or header, or {@code null}
 * @param retryAfterSeconds value of the {@code Retry-After} header, or {@code null} for none
 */
public record Failure(FailureKind kind, int status, String message, String param, Long retryAfterSeconds) {

    public static Failure invalidRequest(String message, String param) {
        return new Failure(FailureKind.INVALID_REQUEST, 400, message, param, null);
    }

    public static Failure unauthorized(String message) {
        return new Failure(FailureKind.UNAUTHORIZED, 401, message, null, null);
    }

    public static Failure quotaExhausted(int status) {
        return new Failure(FailureKind.QUOTA_EXHAUSTED, status,
                "You exceeded your current quota, please check your plan and billing details. (simulated)", null,
                null);
    }

    public static Failure forbidden() {
        return new Failure(FailureKind.FORBIDDEN, 403, "Country, region, or territory not supported. (simulated)",
                null, null);
    }

    public static Failure modelNotFound() {
        return new Failure(FailureKind.MODEL_NOT_FOUND, 404,
                "The model does not exist or you do not have access to it. (simulated)", "model", null);
    }

    public static Failure unknownUrl(String method, String path) {
        String shown = path.length() > 200 ? path.substring(0, 200) : path;
        return new Failure(FailureKind.UNKNOWN_URL, 404, "Unknown request URL: " + method + " " + shown + ".", null,
                null);
    }

    public static Failure rateLimited(long retryAfterSeconds) {
        return new Failure(FailureKind.RATE_LIMITED, 429, "Rate limit reached for requests. (simulated)", null,
                retryAfterSeconds);
    }

    public static Failure serverError(int status) {
        return new Failure(FailureKind.SERVER_ERROR, status,
                "The server had an error while processing your request. (simulated)", null, null);
    }

    public static Failure overloaded() {
        return new Failure(FailureKind.OVERLOADED, 503, "The server is overloaded or not ready yet. (simulated)", null,
                null);
    }

    /** Any status of {@code sim-status-NNN}: a request error for 4xx, a server error for 5xx. */
    public static Failure forStatus(int status) {
        if (status >= 500) {
            return serverError(status);
        }
        return new Failure(FailureKind.INVALID_REQUEST, status, "Simulated HTTP " + status + " answer.", null, null);
    }

    public Failure withStatus(int newStatus) {
        return new Failure(kind, newStatus, message, param, retryAfterSeconds);
    }

    public Rejected rejection() {
        return new Rejected(this);
    }

    /** Carries a {@link Failure} out of request inspection. No stack trace: these are expected outcomes. */
    public static final class Rejected extends RuntimeException {
        private final transient Failure failure;

        public Rejected(Failure failure) {
            super(failure.kind() + ": " + failure.message(), null, false, false);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }
}
