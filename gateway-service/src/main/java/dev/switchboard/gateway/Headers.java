package dev.switchboard.gateway;

import io.vertx.core.http.HttpHeaders;

/**
 * Header names, created once as Vert.x optimised char sequences (no per-request encoding). The {@code x-sb-*} set is
 * the gateway → routing contract of {@code docs/internals.md}.
 */
public final class Headers {

    public static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    public static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("retry-after");
    public static final CharSequence ROUTER_ERROR_CLASS = HttpHeaders.createOptimized("x-router-error-class");
    public static final CharSequence UPSTREAM_STATUS = HttpHeaders.createOptimized("x-upstream-status");
    public static final CharSequence API_KEY = HttpHeaders.createOptimized("x-api-key");
    public static final CharSequence WWW_AUTHENTICATE = HttpHeaders.createOptimized("www-authenticate");
    /** Anthropic's name for the request ID header; set on Anthropic paths next to {@code x-request-id}. */
    public static final CharSequence ANTHROPIC_REQUEST_ID = HttpHeaders.createOptimized("request-id");
    /** Anthropic caller headers that routing passes on to Anthropic targets unchanged. */
    public static final CharSequence ANTHROPIC_VERSION = HttpHeaders.createOptimized("anthropic-version");
    public static final CharSequence ANTHROPIC_BETA = HttpHeaders.createOptimized("anthropic-beta");

    public static final CharSequence INTERNAL_TOKEN = HttpHeaders.createOptimized("x-sb-internal-token");
    public static final CharSequence DIALECT = HttpHeaders.createOptimized("x-sb-dialect");
    public static final CharSequence GROUP = HttpHeaders.createOptimized("x-sb-group");
    public static final CharSequence REQUESTED_MODEL = HttpHeaders.createOptimized("x-sb-requested-model");
    public static final CharSequence STREAM = HttpHeaders.createOptimized("x-sb-stream");
    public static final CharSequence CALLER_ID = HttpHeaders.createOptimized("x-sb-caller-id");
    public static final CharSequence CALLER_USER = HttpHeaders.createOptimized("x-sb-caller-user");
    public static final CharSequence CALLER_PROJECT = HttpHeaders.createOptimized("x-sb-caller-project");
    public static final CharSequence CALLER_ENV = HttpHeaders.createOptimized("x-sb-caller-env");
    public static final CharSequence TOKEN_ID = HttpHeaders.createOptimized("x-sb-token-id");
    public static final CharSequence CLIENT = HttpHeaders.createOptimized("x-sb-client");
    public static final CharSequence RECEIVED_AT = HttpHeaders.createOptimized("x-sb-received-at");
    public static final CharSequence ESTIMATED_INPUT_TOKENS = HttpHeaders
            .createOptimized("x-sb-estimated-input-tokens");
    public static final CharSequence POLICY_VERSION = HttpHeaders.createOptimized("x-sb-policy-version");

    public static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    private Headers() {
    }
}
