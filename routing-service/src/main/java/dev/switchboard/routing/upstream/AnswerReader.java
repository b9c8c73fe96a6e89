package dev.switchboard.routing.upstream;

import io.vertx.core.buffer.Buffer;

/** Reads one complete non-streaming upstream answer and prepares it for the caller. */
@FunctionalInterface
public interface AnswerReader {

    ResponseFacts read(Buffer body) throws InvalidUpstreamResponse;
}
