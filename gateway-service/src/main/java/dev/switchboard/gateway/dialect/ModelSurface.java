package dev.switchboard.gateway.dialect;

import java.util.function.Function;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.model.canonical.CanonicalRequest;
import dev.switchboard.model.codec.Codecs;
import dev.switchboard.model.codec.DialectCodec;
import dev.switchboard.model.dialect.ChatCompletions;
import dev.switchboard.model.dialect.Dialect;
import dev.switchboard.model.dialect.RequestFacts;

/**
 * One caller-facing model endpoint's dialect: how its body is validated into {@link RequestFacts}, and whether the
 * caller's Anthropic headers travel on to routing.
 *
 * @param inspector validates the body and extracts its facts (with a token estimate); throws
 *        {@code invalid-request} naming the field
 * @param counter counts the prompt tokens of a body the inspector accepted with the real tokenizer
 */
public record ModelSurface(Dialect dialect, Function<ObjectNode, RequestFacts> inspector,
        ToIntFunction<ObjectNode> counter, boolean anthropicHeaders) {

    /**
     * Chat keeps the dedicated inspector: it is the benchmark path, and measured against the codec (decode to the
     * canonical model, then {@link RequestFacts#of}) it is as fast or slightly faster while accepting the same bodies.
     */
    public static final ModelSurface CHAT = new ModelSurface(Dialect.OPENAI_CHAT, ChatCompletions::inspect,
            ChatCompletions::countInputTokens, false);
    public static final ModelSurface RESPONSES = new ModelSurface(Dialect.OPENAI_RESPONSES,
            decodedBy(Dialect.OPENAI_RESPONSES), countedBy(Dialect.OPENAI_RESPONSES), false);
    public static final ModelSurface MESSAGES = new ModelSurface(Dialect.ANTHROPIC_MESSAGES,
            decodedBy(Dialect.ANTHROPIC_MESSAGES), countedBy(Dialect.ANTHROPIC_MESSAGES), true);
    /**
     * A Messages body without an output cap: {@code count_tokens} takes no {@code max_tokens}. Its answer is the
     * count, so the facts carry the exact figure, from the one decode.
     */
    public static final ModelSurface COUNT_TOKENS = new ModelSurface(Dialect.ANTHROPIC_MESSAGES,
            ModelSurface::countedFacts, body -> RequestFacts.countInputTokens(decodeCountTokens(body)), false);

    RequestFacts inspect(ObjectNode body) {
        return inspector.apply(body);
    }

    int countInputTokens(ObjectNode body) {
        return counter.applyAsInt(body);
    }

    private static Function<ObjectNode, RequestFacts> decodedBy(Dialect dialect) {
        DialectCodec codec = Codecs.of(dialect);
        return body -> RequestFacts.of(codec.decodeRequest(body));
    }

    private static ToIntFunction<ObjectNode> countedBy(Dialect dialect) {
        DialectCodec codec = Codecs.of(dialect);
        return body -> RequestFacts.countInputTokens(codec.decodeRequest(body));
    }

    private static RequestFacts countedFacts(ObjectNode body) {
        CanonicalRequest request = decodeCountTokens(body);
        return RequestFacts.of(request).withEstimatedInputTokens(RequestFacts.countInputTokens(request));
    }

    /** The body is never forwarded, so the cap the Messages codec insists on can be filled in place. */
    private static CanonicalRequest decodeCountTokens(ObjectNode body) {
        body.put("max_tokens", 1);
        return Codecs.of(Dialect.ANTHROPIC_MESSAGES).decodeRequest(body);
    }
}
