package dev.switchboard.routing.internal;

/** Header names of the gateway → routing hop (docs/internals.md). */
public final class InternalHeaders {

    public static final String TOKEN = "x-sb-internal-token";
    public static final String REQUEST_ID = "x-request-id";
    public static final String DIALECT = "x-sb-dialect";
    public static final String GROUP = "x-sb-group";
    public static final String REQUESTED_MODEL = "x-sb-requested-model";
    public static final String STREAM = "x-sb-stream";
    public static final String CALLER_ID = "x-sb-caller-id";
    public static final String CALLER_USER = "x-sb-caller-user";
    public static final String CALLER_PROJECT = "x-sb-caller-project";
    public static final String CALLER_ENV = "x-sb-caller-env";
    public static final String TOKEN_ID = "x-sb-token-id";
    public static final String CLIENT = "x-sb-client";
    public static final String RECEIVED_AT = "x-sb-received-at";
    public static final String ESTIMATED_INPUT_TOKENS = "x-sb-estimated-input-tokens";
    public static final String POLICY_VERSION = "x-sb-policy-version";
    /** Relayed by the gateway for Anthropic callers; passed on to Anthropic targets only. */
    public static final String ANTHROPIC_VERSION = "anthropic-version";
    public static final String ANTHROPIC_BETA = "anthropic-beta";

    public static final String ERROR_CLASS = "x-router-error-class";
    public static final String UPSTREAM_STATUS = "x-upstream-status";

    private InternalHeaders() {
    }
}
