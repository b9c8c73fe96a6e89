package dev.switchboard.model.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.CanonicalResponse;
import dev.switchboard.model.dialect.Dialect;

/**
 * Translates one dialect to and from the canonical model. Codecs are stateless and thread-safe; the stream decoders
 * and encoders they create are stateful and belong to one stream.
 */
public interface DialectCodec {

    Dialect dialect();

    /**
     * @throws dev.switchboard.model.error.GatewayError.Failure {@code invalid-request} naming the offending field
     */
    CanonicalRequest decodeRequest(ObjectNode body);

    /**
     * What cannot be expressed in this dialect is dropped or approximated as {@code docs/api-compatibility-matrix.md}
     * describes.
     *
     * @throws dev.switchboard.model.error.GatewayError.Failure {@code invalid-request} when a part of the request
     *         cannot be translated at all (e.g. tool arguments that are not a JSON object, for Anthropic)
     */
    ObjectNode encodeRequest(CanonicalRequest request);

    /**
     * @throws dev.switchboard.model.error.GatewayError.Failure {@code upstream-failed} when the body is not an answer
     *         of this dialect
     */
    CanonicalResponse decodeResponse(ObjectNode body);

    ObjectNode encodeResponse(CanonicalResponse response);

    /** A decoder for one upstream stream of this dialect. */
    StreamDecoder streamDecoder();

    /**
     * An encoder for one caller stream in this dialect.
     *
     * @param includeUsage the caller asked for usage in the stream (only OpenAI Chat makes it optional)
     */
    StreamEncoder streamEncoder(boolean includeUsage);
}
