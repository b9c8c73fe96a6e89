package dev.switchboard.routing.upstream;

import java.io.IOException;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.canonical.CapField;
import dev.switchboard.model.canonical.OutputCap;
import dev.switchboard.model.codec.AnthropicMessagesCodec;
import dev.switchboard.model.codec.Codecs;
import dev.switchboard.model.codec.DialectCodec;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.policy.ResolvedTarget;
import dev.switchboard.routing.InboundRequest;

/**
 * The shape stage: turns the caller's request into one target's request. Same dialect: the caller's body with the
 * upstream model id and a clamped cap, answers relayed as they come. Other dialect: canonical request → target codec,
 * answers and streams translated back with the caller's codec.
 */
@Singleton
public class UpstreamShaper {

    /** Room for a provider model id longer than the group name the caller sent. */
    private static final int SIZE_SLACK = 64;

    private final UpstreamAdapters adapters;

    UpstreamShaper(UpstreamAdapters adapters) {
        this.adapters = adapters;
    }

    /**
     * @throws dev.switchboard.model.error.GatewayError.Failure {@code invalid-request} when the request cannot be
     *         expressed in the target's dialect at all (e.g. tool arguments that are not a JSON object, for Anthropic)
     */
    public ShapedCall shape(ResolvedTarget target, InboundRequest inbound, boolean stream) {
        UpstreamAdapter adapter = adapters.forTarget(target.dialect());
        Integer clampTo = clampTo(target, inbound);
        String capAction = clampTo == null ? null : ShapedCall.CLAMPED;
        Map<String, String> headers = adapter.dialectHeaders(inbound.route());
        boolean callerWantsUsage = inbound.shape().includeUsage();
        if (target.dialect() == inbound.route().dialect()) {
            Buffer body = nativeBody(adapter, target, inbound, clampTo, stream);
            return new ShapedCall(adapter, new UpstreamRequest(adapter.path(), body, headers), adapter::readNative,
                    () -> adapter.passthrough(callerWantsUsage), capAction);
        }
        DialectCodec caller = Codecs.of(inbound.route().dialect());
        DialectCodec upstream = Codecs.of(target.dialect());
        Buffer body = serialise(upstream.encodeRequest(translated(target, inbound.canonical(), clampTo)),
                inbound.bodyBytes());
        return new ShapedCall(adapter, new UpstreamRequest(adapter.path(), body, headers),
                new TranslatedAnswer(upstream, caller),
                () -> new TranslatingTranscoder(upstream, caller, callerWantsUsage), capAction);
    }

    /** @return the target's maximum when the caller asked for more and the target clamps, else {@code null} */
    static Integer clampTo(ResolvedTarget target, InboundRequest inbound) {
        Integer cap = inbound.shape().maxOutputTokens();
        Integer max = target.maxOutputTokens();
        return cap != null && max != null && cap > max && !target.rerouteOverCap() ? max : null;
    }

    private static Buffer nativeBody(UpstreamAdapter adapter, ResolvedTarget target, InboundRequest inbound,
            Integer clampTo, boolean stream) {
        ObjectNode body = inbound.body();
        body.put("model", target.model().model());
        for (String field : adapter.capFields()) {
            JsonNode original = inbound.originalCaps().get(field);
            if (original == null) {
                continue;
            }
            if (clampTo != null && original.canConvertToInt() && original.asInt() > clampTo) {
                body.put(field, clampTo);
            } else {
                body.set(field, original);
            }
        }
        adapter.prepareNative(body, stream);
        return serialise(body, inbound.bodyBytes());
    }

    private static CanonicalRequest translated(ResolvedTarget target, CanonicalRequest request, Integer clampTo) {
        CanonicalRequest out = request.withModel(target.model().model());
        if (clampTo != null) {
            return out.withOutputCap(new OutputCap(clampTo, out.outputCap().field()));
        }
        Integer max = target.maxOutputTokens();
        if (out.outputCap() == null && target.dialect() == Dialect.ANTHROPIC_MESSAGES && max != null
                && max < AnthropicMessagesCodec.DEFAULT_MAX_TOKENS) {
            // Anthropic needs a cap; the codec's default would exceed what this target accepts
            return out.withOutputCap(new OutputCap(max, CapField.MAX_TOKENS));
        }
        return out;
    }

    /** @param sizeHint the caller's body size: the upstream body is about as large, so the buffer rarely grows */
    private static Buffer serialise(ObjectNode body, int sizeHint) {
        try {
            return JsonBuffers.append(Buffer.buffer(sizeHint + SIZE_SLACK), body);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed or encoded request body is always serialisable", e);
        }
    }
}
