package dev.switchboard.gateway.dialect;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import dev.switchboard.model.error.ErrorType;
import dev.switchboard.model.error.GatewayError;
import dev.switchboard.model.json.Json;

/** Reads a model request's body once, bounded, and parses it once. */
final class RequestBodies {

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int INITIAL_CAPACITY_LIMIT = 64 * 1024;
    private static final GatewayError NOT_AN_OBJECT = invalid("the request body must be a JSON object");
    private static final GatewayError UNSUPPORTED = GatewayError
            .of(ErrorType.UNSUPPORTED_MEDIA_TYPE, "send the request body as application/json");

    private RequestBodies() {
    }

    /** {@code application/json} (any parameters) or a {@code +json} type; an absent type is tolerated. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase("application/json") || (type.length() > 5
                && type.regionMatches(true, type.length() - 5, "+json", 0, 5) && type.regionMatches(true, 0,
                        "application/", 0, 12));
    }

    static GatewayError unsupportedMediaType() {
        return UNSUPPORTED;
    }

    static GatewayError tooLarge(long maxBytes) {
        return GatewayError.of(ErrorType.REQUEST_TOO_LARGE, "the request body exceeds " + maxBytes + " bytes")
                .withDetail("max_bytes", maxBytes);
    }

    /**
     * Collects the body up to {@code maxBytes}.
     *
     * @return fails with {@code request-too-large} past the limit, or with the connection's failure
     */
    static Future<Buffer> read(HttpServerRequest request, long maxBytes) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                return Future.failedFuture(invalid("invalid Content-Length header").asException());
            }
            if (length > maxBytes) {
                return Future.failedFuture(tooLarge(maxBytes).asException());
            }
        }
        // a declared length is a hint, not a promise: never pre-allocate more than a modest chunk on its word
        Buffer body = Buffer.buffer(length > 0 ? (int) Math.min(length, INITIAL_CAPACITY_LIMIT) : 1024);
        Promise<Buffer> done = Promise.promise();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                done.tryFail(tooLarge(maxBytes).asException());
            } else if (!done.future().isComplete()) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(done::tryFail);
        request.endHandler(v -> done.tryComplete(body));
        return done.future();
    }

    /**
     * @throws GatewayError.Failure {@code invalid-request} when the body is not one JSON object; the message gives the
     *         position of a syntax error, never the content
     */
    static ObjectNode parseObject(Buffer body) {
        JsonNode node;
        try {
            ByteBuf bytes = body.getByteBuf();
            node = bytes.hasArray()
                    ? READER.readTree(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes())
                    : READER.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            GatewayError error = invalid("the request body is not valid JSON");
            if (e.getLocation() != null) {
                error = error.withDetail("line", e.getLocation().getLineNr())
                        .withDetail("column", e.getLocation().getColumnNr());
            }
            throw error.asException();
        } catch (IOException e) {
            throw invalid("the request body could not be read").asException();
        }
        if (!(node instanceof ObjectNode object)) {
            throw NOT_AN_OBJECT.asException();
        }
        return object;
    }

    private static GatewayError invalid(String message) {
        return GatewayError.of(ErrorType.INVALID_REQUEST, message).withDetail("field", "body");
    }
}
