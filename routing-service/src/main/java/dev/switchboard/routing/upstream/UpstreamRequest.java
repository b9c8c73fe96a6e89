package dev.switchboard.routing.upstream;

import io.vertx.core.buffer.Buffer;

/**
 * What an adapter wants sent for one attempt.
 *
 * @param path appended to the provider's {@code base_url}, e.g. {@code /chat/completions}
 */
public record UpstreamRequest(String path, Buffer body) {
}
