package dev.switchboard.reports.usage;

/**
 * Who is asking, as the gateway established it from the caller's token (headers {@code x-sb-caller-*},
 * {@code x-sb-token-id}). Never taken from the query string.
 */
public record CallerIdentity(String id, String user, String project, String environment, String tokenId) {
}
