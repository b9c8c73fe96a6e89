package dev.switchboard.routing.upstream;

import java.util.Map;

import io.vertx.core.buffer.Buffer;

/**
 * What to send for one attempt.
 *
 * @param path appended to the provider's {@code base_url}, e.g. {@code /chat/completions}
 * @param headers headers the target's dialect needs besides authentication (e.g. {@code anthropic-version})
 */
public record UpstreamRequest(String path, Buffer body, Map<String, String> headers) {
}
